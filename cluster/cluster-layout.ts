import { freePort } from "../test/support/free-port.js";

/** Waybill's services in start order (as `services/definitions.ts` lists them). */
export const clusterServices = ["inventory", "orders", "fleet", "campaigns", "notifications"] as const;

/** A service of {@link clusterServices}. */
export type ClusterService = (typeof clusterServices)[number];

/** Replicas of each service by default: two of the busy ones, one of the others. */
export const defaultReplicas: Readonly<Record<ClusterService, number>> = {
  inventory: 2,
  orders: 2,
  fleet: 1,
  campaigns: 1,
  notifications: 1,
};

/** One Waybill process of the cluster: one service, one replica of it, one port. */
export interface ClusterProcess {
  readonly service: ClusterService;
  /** 1-based among the replicas of its service. */
  readonly index: number;
  /** 1-based among all processes: its number in the replica set. */
  readonly replica: number;
  readonly port: number;
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** `orders 2`: how logs and the timeline name it (its log is `orders-2.log`). */
  readonly name: string;
}

/**
 * Lays the processes out, service by service in start order: ports follow `basePort` one by one,
 * or are spare ones when it is undefined.
 *
 * @example
 * const processes = await layOutProcesses(defaultReplicas, 8081); // inventory 1 on 8081 … notifications 1 on 8087
 */
export async function layOutProcesses(
  replicas: Readonly<Record<ClusterService, number>>,
  basePort: number | undefined,
): Promise<ClusterProcess[]> {
  const processes: ClusterProcess[] = [];
  for (const service of clusterServices) {
    for (let index = 1; index <= replicas[service]; index++) {
      const port = basePort === undefined ? await freePort() : basePort + processes.length;
      processes.push({
        service,
        index,
        replica: processes.length + 1,
        port,
        url: `http://127.0.0.1:${port}`,
        name: `${service} ${index}`,
      });
    }
  }
  return processes;
}

/** The replicas of `service`, in order. */
export function replicasOf(processes: readonly ClusterProcess[], service: ClusterService): ClusterProcess[] {
  return processes.filter((process) => process.service === service);
}

/**
 * The replica of `service` that lane `lane` uses: lane n talks to replica n, wrapping round when
 * the service has fewer (a single service serves every lane).
 */
export function replicaForLane(
  processes: readonly ClusterProcess[],
  service: ClusterService,
  lane: number,
): ClusterProcess {
  const replicas = replicasOf(processes, service);
  const chosen = replicas[(lane - 1) % replicas.length];
  if (!chosen) throw new Error(`no replica of ${service}`);
  return chosen;
}
