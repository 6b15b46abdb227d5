/**
 * A fault the simulator injects into API requests (never into its `/_` admin endpoints):
 * - `error`: answers `status` (default 500) without doing anything;
 * - `rate_limit`: answers 429 with `Retry-After: retryAfterSeconds` (default 1);
 * - `latency`: waits `delayMs` (default 1000), then handles the request normally;
 * - `lost`: handles the request (a create does create), then drops the connection unanswered.
 * `method` and `path` (a prefix) narrow which requests it hits; it hits `times` of them (default 1).
 */
export interface Fault {
  readonly kind: "error" | "rate_limit" | "latency" | "lost";
  readonly status?: number;
  readonly retryAfterSeconds?: number;
  readonly delayMs?: number;
  readonly method?: string;
  readonly path?: string;
  readonly times?: number;
}

/** Random faults on every request, for trying Waybill against a flaky platform by hand. */
export interface Chaos {
  /** Share of requests answered 503, 0 to 1. */
  readonly errorRate?: number;
  /** Share of requests answered 429 with Retry-After 1. */
  readonly rateLimitRate?: number;
  /** Share of requests handled but left unanswered. */
  readonly lostRate?: number;
  /** Delay before every answer. */
  readonly latencyMs?: number;
}

/** Scripted faults, consumed in order by the requests they match. */
export interface FaultQueue {
  add(faults: readonly Fault[]): void;
  /** The first fault matching the request, counted as used; else a random one from `chaos`. */
  take(method: string, path: string): Fault | undefined;
  pending(): readonly Fault[];
  clear(): void;
}

const kinds = ["error", "rate_limit", "latency", "lost"];

/** Reads the body of `POST /_faults` (`{ "faults": [...] }`); throws a message naming what is wrong. */
export function parseFaults(body: unknown): Fault[] {
  const faults = (body as { faults?: unknown } | null)?.faults;
  if (!Array.isArray(faults)) throw new Error('expected {"faults": [...]}');
  return faults.map((fault: Record<string, unknown>, index) => {
    if (!kinds.includes(fault?.kind as string))
      throw new Error(`faults[${index}].kind must be one of ${kinds.join(", ")}`);
    for (const field of ["status", "retryAfterSeconds", "delayMs", "times"]) {
      if (fault[field] !== undefined && !(Number.isInteger(fault[field]) && (fault[field] as number) >= 0))
        throw new Error(`faults[${index}].${field} must be a whole number`);
    }
    return fault as unknown as Fault;
  });
}

/** Creates an empty queue; `chaos` adds random faults where no scripted one matches. */
export function createFaultQueue(chaos: Chaos = {}): FaultQueue {
  const queue: { fault: Fault; left: number }[] = [];
  const random = (): Fault | undefined => {
    const roll = Math.random();
    const error = chaos.errorRate ?? 0;
    const limited = error + (chaos.rateLimitRate ?? 0);
    if (roll < error) return { kind: "error", status: 503 };
    if (roll < limited) return { kind: "rate_limit", retryAfterSeconds: 1 };
    if (roll < limited + (chaos.lostRate ?? 0)) return { kind: "lost" };
    return undefined;
  };
  return {
    add(faults) {
      for (const fault of faults) queue.push({ fault, left: fault.times ?? 1 });
    },
    take(method, path) {
      const index = queue.findIndex(
        ({ fault }) =>
          (!fault.method || fault.method.toUpperCase() === method) && (!fault.path || path.startsWith(fault.path)),
      );
      const entry = queue[index];
      if (!entry) return random();
      if (--entry.left <= 0) queue.splice(index, 1);
      return entry.fault;
    },
    pending: () => queue.map(({ fault, left }) => ({ ...fault, times: left })),
    clear: () => void queue.splice(0),
  };
}
