/** How long an endpoint whose connection failed is set aside. */
export interface SetAsideBackoff {
  /** After the first failure in a row (default 1,000 ms); each further one doubles it. */
  readonly initialMs: number;
  /** The longest (default 30,000 ms). */
  readonly maxMs: number;
}

/** Picks endpoints in turn, skipping those set aside after a failed connection. */
export interface EndpointBalancer<E extends { readonly key: string }> {
  /** Replaces the list: new endpoints join, gone ones leave, kept ones keep their state. */
  update(endpoints: readonly E[]): void;
  /** The endpoints known now. */
  endpoints(): readonly E[];
  /**
   * The next endpoint not in `excluded`: round-robin over those not set aside; if every one left
   * is set aside, the one whose time is up first (a call tries rather than fails at once), unless
   * `healthyOnly`. `undefined` when none is left.
   */
  pick(excluded?: ReadonlySet<string>, healthyOnly?: boolean): E | undefined;
  /** A connection to it failed: set aside for the backoff, doubling with each failure in a row. */
  failed(key: string): void;
  /** It was reached: its failures are forgotten. */
  reached(key: string): void;
  /** Whether it is set aside now. */
  isSetAside(key: string): boolean;
}

interface EndpointState {
  failures: number;
  until: number;
}

/**
 * A round-robin balancer over endpoints with set-aside and recovery; `now` is injected so tests
 * move time themselves.
 *
 * @example
 * const balancer = createEndpointBalancer({ now: Date.now });
 * balancer.update(endpoints);
 * const endpoint = balancer.pick();
 */
export function createEndpointBalancer<E extends { readonly key: string }>(
  options: { readonly now?: () => number; readonly backoff?: Partial<SetAsideBackoff> } = {},
): EndpointBalancer<E> {
  const now = options.now ?? Date.now;
  const initialMs = options.backoff?.initialMs ?? 1_000;
  const maxMs = options.backoff?.maxMs ?? 30_000;
  let list: readonly E[] = [];
  let states = new Map<string, EndpointState>();
  let cursor = 0;

  const setAside = (key: string) => (states.get(key)?.until ?? 0) > now();

  return {
    update(endpoints) {
      const previous = list[cursor % Math.max(list.length, 1)]?.key;
      list = [...endpoints];
      states = new Map(list.map((e) => [e.key, states.get(e.key) ?? { failures: 0, until: 0 }]));
      // Keep the turn where it was, so an update does not send the next calls to the same one.
      const at = list.findIndex((e) => e.key === previous);
      cursor = at === -1 ? 0 : at;
    },
    endpoints: () => list,
    pick(excluded = new Set(), healthyOnly = false) {
      const count = list.length;
      let fallback: E | undefined;
      for (let step = 0; step < count; step++) {
        const index = (cursor + step) % count;
        const endpoint = list[index] as E;
        if (excluded.has(endpoint.key)) continue;
        if (!setAside(endpoint.key)) {
          cursor = index + 1;
          return endpoint;
        }
        if (!fallback || (states.get(endpoint.key)?.until ?? 0) < (states.get(fallback.key)?.until ?? 0)) {
          fallback = endpoint;
        }
      }
      return healthyOnly ? undefined : fallback;
    },
    failed(key) {
      const state = states.get(key);
      if (!state) return;
      state.failures++;
      state.until = now() + Math.min(maxMs, initialMs * 2 ** (state.failures - 1));
    },
    reached(key) {
      const state = states.get(key);
      if (state) {
        state.failures = 0;
        state.until = 0;
      }
    },
    isSetAside: setAside,
  };
}
