import type { ServiceDefinition } from "./service-definition.js";

/** All of a {@link ServiceDefinition} the app needs before building the service: not its code. */
export type ServiceHead = Omit<ServiceDefinition, "instantiate">;

/**
 * A service whose code is loaded only when a process builds it. The head (name, descriptor,
 * events, migrations, settings) is small and every process needs it for every service (settings,
 * event decoding, clients); the handlers, workers and their libraries are most of a service's
 * modules, and a process running Orders alone should not evaluate the other four's.
 * `load` must resolve to the service's own definition: its head is checked against `head`, so
 * the two cannot drift apart unnoticed.
 *
 * @example
 * export const orders = lazyService(
 *   { name: "orders", descriptor: OrderService, events: file_waybill_orders_v1_events, migrations: ordersMigrations, settings: ordersSettings },
 *   async () => (await import("./orders/index.js")).ordersService,
 * );
 */
export function lazyService(head: ServiceHead, load: () => Promise<ServiceDefinition>): ServiceDefinition {
  let loading: Promise<ServiceDefinition> | undefined;
  const loaded = () => {
    loading ??= load().then((definition) => {
      const drifted = (["name", "descriptor", "events", "migrations", "settings"] as const).filter(
        (key) => definition[key] !== head[key],
      );
      if (drifted.length > 0) {
        throw new Error(
          `service ${head.name}: the loaded definition differs from the catalog's in ${drifted.join(", ")}`,
        );
      }
      return definition;
    });
    return loading;
  };
  return {
    ...head,
    async load() {
      await loaded();
    },
    async instantiate(context) {
      return (await loaded()).instantiate(context);
    },
  };
}
