import { create } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import { Code, ConnectError } from "@connectrpc/connect";
import {
  type Health,
  HealthCheckResponseSchema,
  HealthCheckResponse_ServingStatus as ServingStatus,
} from "@waybill/contracts/grpc/health/v1/health_pb.js";

/** Serving status per service name; "" is the server as a whole. */
export interface HealthRegistry {
  /** Sets the status of every known service at once. */
  setAll(status: ServingStatus): void;
  /** Sets every status to NOT_SERVING and ends the `Watch` streams once they have sent it. */
  shutdown(): void;
  /**
   * Where the process stands, for the readiness probe: `starting` until the server as a whole
   * (`""`) turns SERVING, `serving` while it is, `stopping` once {@link HealthRegistry.shutdown} ran.
   */
  phase(): HealthPhase;
  /** The `grpc.health.v1.Health` implementation over this registry. */
  readonly implementation: ServiceImpl<typeof Health>;
}

/** The process's stage as health reports it: see {@link HealthRegistry.phase}. */
export type HealthPhase = "starting" | "serving" | "stopping";

/**
 * Creates the `grpc.health.v1.Health` service for the given service names, all starting at
 * `initial` (the app starts NOT_SERVING and turns SERVING once its workers run). `Watch` sends
 * the current status first and then every change until the client goes away.
 */
export function createHealthRegistry(
  serviceNames: readonly string[],
  initial: ServingStatus = ServingStatus.SERVING,
): HealthRegistry {
  const statuses = new Map<string, ServingStatus>([["", initial]]);
  for (const name of serviceNames) statuses.set(name, initial);
  const watchers = new Set<() => void>();
  let closed = false;
  const wakeAll = () => {
    for (const wake of watchers) wake();
  };

  const lookup = (service: string) => statuses.get(service);
  return {
    setAll(status) {
      for (const name of statuses.keys()) statuses.set(name, status);
      wakeAll();
    },
    shutdown() {
      closed = true;
      this.setAll(ServingStatus.NOT_SERVING);
    },
    phase() {
      if (closed) return "stopping";
      return lookup("") === ServingStatus.SERVING ? "serving" : "starting";
    },
    implementation: {
      check(request) {
        const status = lookup(request.service);
        if (status === undefined) throw new ConnectError(`unknown service ${request.service}`, Code.NotFound);
        return create(HealthCheckResponseSchema, { status });
      },
      async *watch(request, context) {
        let last: ServingStatus | undefined;
        while (!context.signal.aborted) {
          const status = lookup(request.service) ?? ServingStatus.SERVICE_UNKNOWN;
          if (status !== last) {
            last = status;
            yield create(HealthCheckResponseSchema, { status });
          }
          if (closed) return;
          await new Promise<void>((resolve) => {
            const wake = () => {
              watchers.delete(wake);
              resolve();
            };
            watchers.add(wake);
            context.signal.addEventListener("abort", wake, { once: true });
          });
        }
      },
    },
  };
}

export { ServingStatus };
