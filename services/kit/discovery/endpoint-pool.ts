import { Code, ConnectError } from "@connectrpc/connect";
import { createEndpointBalancer, type SetAsideBackoff } from "./endpoint-balancer.js";
import { createEndpointTransport, type EndpointTransport } from "./endpoint-transport.js";
import type { PeerTarget } from "./peer-targets.js";
import { type LookupAll, type PeerEndpoint, resolvePeers, systemLookup } from "./resolve-peers.js";

/** Options of {@link createEndpointPool}; all but `targets` have defaults. */
export interface EndpointPoolOptions {
  readonly targets: readonly PeerTarget[];
  /** Every address of a host name (default: the system's resolver). */
  readonly lookup?: LookupAll;
  readonly now?: () => number;
  /** How often host names are resolved again (default 10 s), to find new replicas and drop gone ones. */
  readonly refreshIntervalMs?: number;
  /** The shortest time between two resolutions after failures (default 1 s). */
  readonly minRefreshIntervalMs?: number;
  /** A connection not made by then counts as refused (default 3 s). */
  readonly connectTimeoutMs?: number;
  readonly backoff?: Partial<SetAsideBackoff>;
}

/** The endpoints of one peer, resolved and balanced, each with its own transport. */
export interface EndpointPool {
  /** Waits for a first list of endpoints; UNAVAILABLE when no target resolves. */
  ready(): Promise<void>;
  /** See `EndpointBalancer.pick`. */
  pick(excluded: ReadonlySet<string>, healthyOnly?: boolean): EndpointTransport | undefined;
  /** Its connection failed: set it aside, and resolve the names again soon. */
  failed(key: string): void;
  /** It was reached. */
  reached(key: string): void;
  /** Resolves every name now (periodic resolution calls it too). */
  refresh(): Promise<void>;
  /** The endpoints known now. */
  endpoints(): readonly PeerEndpoint[];
  /** Stops resolving and closes idle connections. */
  close(): void;
}

/**
 * A pool over a peer's targets: resolution (every `refreshIntervalMs`, and after a failed
 * connection), a round-robin balancer with set-aside, and one Connect transport per endpoint.
 *
 * @example
 * const pool = createEndpointPool({ targets: parsePeerTargets("http://inventory:8080") });
 */
export function createEndpointPool(options: EndpointPoolOptions): EndpointPool {
  const lookup = options.lookup ?? systemLookup;
  const now = options.now ?? Date.now;
  const refreshIntervalMs = options.refreshIntervalMs ?? 10_000;
  const minRefreshIntervalMs = options.minRefreshIntervalMs ?? 1_000;
  const connectTimeoutMs = options.connectTimeoutMs ?? 3_000;
  const balancer = createEndpointBalancer<PeerEndpoint>({
    now,
    ...(options.backoff ? { backoff: options.backoff } : {}),
  });
  const transports = new Map<string, EndpointTransport>();
  let resolving: Promise<void> | undefined;
  let lastResolvedAt = Number.NEGATIVE_INFINITY;
  let lastFailure: unknown;
  let timer: NodeJS.Timeout | undefined;

  const apply = (endpoints: readonly PeerEndpoint[]) => {
    const keys = new Set(endpoints.map((e) => e.key));
    for (const [key, gone] of transports) {
      if (!keys.has(key)) {
        gone.closeIfIdle();
        transports.delete(key);
      }
    }
    for (const endpoint of endpoints) {
      if (!transports.has(endpoint.key))
        transports.set(endpoint.key, createEndpointTransport(endpoint, connectTimeoutMs));
    }
    balancer.update(endpoints);
  };

  const refresh = (): Promise<void> => {
    resolving ??= resolvePeers(options.targets, lookup, balancer.endpoints())
      .then((resolution) => {
        lastFailure = resolution.failures[0]?.error;
        apply(resolution.endpoints);
      })
      .finally(() => {
        lastResolvedAt = now();
        resolving = undefined;
      });
    return resolving;
  };

  const startTimer = () => {
    if (timer || refreshIntervalMs <= 0) return;
    timer = setInterval(() => void refresh().catch(() => undefined), refreshIntervalMs);
    timer.unref();
  };

  return {
    async ready() {
      startTimer();
      if (balancer.endpoints().length > 0) return;
      if (now() - lastResolvedAt >= minRefreshIntervalMs || resolving) await refresh();
      if (balancer.endpoints().length === 0) {
        // No colon, slash or comma in the message: grpc-js callers would decode it differently.
        const names = options.targets.map((t) => t.hostname).join(" and ");
        throw new ConnectError(`no address found for ${names}`, Code.Unavailable, undefined, undefined, lastFailure);
      }
    },
    pick(excluded, healthyOnly) {
      const endpoint = balancer.pick(excluded, healthyOnly);
      return endpoint && transports.get(endpoint.key);
    },
    failed(key) {
      balancer.failed(key);
      if (now() - lastResolvedAt >= minRefreshIntervalMs) void refresh().catch(() => undefined);
    },
    reached: (key) => balancer.reached(key),
    refresh,
    endpoints: () => balancer.endpoints(),
    close() {
      clearInterval(timer);
      for (const transport of transports.values()) transport.closeIfIdle();
    },
  };
}
