import { describe, expect, it } from "vitest";
import { serviceDefinitions } from "../../definitions.js";
import { lazyService } from "./lazy-service.js";
import type { ServiceContext, ServiceDefinition, ServiceInstance } from "./service-definition.js";

/** A definition whose `instantiate` answers `instance` without touching the context. */
function fakeDefinition(name: string, instance: ServiceInstance): ServiceDefinition {
  const [catalogued] = serviceDefinitions;
  if (!catalogued) throw new Error("the catalog is empty");
  return { ...catalogued, name, instantiate: async () => instance };
}

const context = {} as ServiceContext;
const instance: ServiceInstance = { implementation: {}, workers: [] };

/** A lazy `demo` service over {@link fakeDefinition}, counting how often its code is loaded. */
function countingLazy(): { lazy: ServiceDefinition; loads: () => number } {
  const loaded = fakeDefinition("demo", instance);
  let loads = 0;
  const { instantiate: _, ...head } = loaded;
  const lazy = lazyService(head, async () => {
    loads++;
    return loaded;
  });
  return { lazy, loads: () => loads };
}

describe("a lazy service", () => {
  it("loads its code at the first instantiate, not before, and builds what the loaded definition builds", async () => {
    const { lazy, loads } = countingLazy();
    expect(lazy.name).toBe("demo");
    expect(loads()).toBe(0);
    await expect(lazy.instantiate(context)).resolves.toBe(instance);
    expect(loads()).toBe(1);
  });

  it("loads its code once through load(), which the app calls before touching PostgreSQL", async () => {
    const { lazy, loads } = countingLazy();
    await lazy.load?.();
    expect(loads()).toBe(1);
    await expect(lazy.instantiate(context)).resolves.toBe(instance);
    expect(loads()).toBe(1);
  });

  it("fails load() when the code cannot be loaded or its head differs, before anything is built", async () => {
    const loaded = fakeDefinition("demo", instance);
    const { instantiate: _, ...head } = loaded;
    await expect(lazyService({ ...head, name: "other" }, async () => loaded).load?.()).rejects.toThrow(/in name$/);
    const missing = lazyService(head, () => import("./no-such-service.js" as string));
    await expect(missing.load?.()).rejects.toThrow(/no-such-service/);
  });

  it("refuses a loaded definition whose head differs from the catalog's", async () => {
    const loaded = fakeDefinition("demo", instance);
    const { instantiate: _, ...head } = loaded;
    const lazy = lazyService({ ...head, name: "other", migrations: {} }, async () => loaded);
    await expect(lazy.instantiate(context)).rejects.toThrow(/^service other: .* in name, migrations$/);
  });
});

describe("the catalog (services/definitions.ts)", () => {
  // Each service's own definition, as its folder exports it: the catalog's heads must be theirs.
  const own: Record<string, () => Promise<ServiceDefinition>> = {
    inventory: async () => (await import("../../inventory/index.js")).inventoryService,
    orders: async () => (await import("../../orders/index.js")).ordersService,
    fleet: async () => (await import("../../fleet/index.js")).fleetService,
    campaigns: async () => (await import("../../campaigns/index.js")).campaignsService,
    notifications: async () => (await import("../../notifications/index.js")).notificationsService,
  };

  it.each(serviceDefinitions.map((definition) => [definition.name, definition] as const))(
    "%s has the head its folder defines",
    async (name, definition) => {
      const load = own[name];
      expect(load, `no folder definition known for ${name}`).toBeDefined();
      const folder = await (load as () => Promise<ServiceDefinition>)();
      for (const key of ["name", "descriptor", "events", "migrations", "settings"] as const) {
        expect(definition[key], key).toBe(folder[key]);
      }
    },
  );
});
