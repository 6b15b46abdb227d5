import type { HealthPhase } from "./health-service.js";

/** One dependency check of the readiness probe: resolves when the dependency answers. */
export type ReadinessCheck = () => Promise<unknown>;

/** What `/readyz` reports: ready or not, and each check's outcome (`ok` or why not). */
export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: Readonly<Record<string, string>>;
}

/** Answers whether the process is ready for traffic. */
export interface ReadinessProbe {
  /** The current report: never waits longer than the probe's timeout. */
  check(): Promise<ReadinessReport>;
}

/** Options of {@link createReadinessProbe}. */
export interface ReadinessProbeOptions {
  /** The process's stage (health's): only `serving` can be ready. */
  readonly phase: () => HealthPhase;
  /** The dependency checks by name (`database`, `nats`), run together. */
  readonly checks: Readonly<Record<string, ReadinessCheck>>;
  /** How long a check may take before it counts as failed (default 750 ms, under a 1 s probe timeout). */
  readonly timeoutMs?: number;
  /** How long an outcome is reused (default 1000 ms): probes from many load balancers cost one check. */
  readonly cacheMs?: number;
  /** Milliseconds clock (default `performance.now`). */
  readonly now?: () => number;
  /**
   * Told why a check failed. The probe needs no token, so its answer says only `unavailable` or
   * `timeout`: the error (host names, users) goes here, to the log.
   */
  readonly onFailure?: (check: string, error: unknown) => void;
}

/**
 * Creates the readiness probe: not ready while starting (workers not yet running) or stopping
 * (read live, never cached), otherwise ready only when every dependency check succeeds within
 * `timeoutMs`. Outcomes are cached for `cacheMs`, and probes arriving while checks run share them,
 * so a dependency that hangs is asked once at a time and probes never pile up on it.
 *
 * @example
 * const probe = createReadinessProbe({ phase: health.phase, checks: { nats: () => nc.rtt() } });
 * const { ready, checks } = await probe.check();
 */
export function createReadinessProbe(options: ReadinessProbeOptions): ReadinessProbe {
  const timeoutMs = options.timeoutMs ?? 750;
  const cacheMs = options.cacheMs ?? 1000;
  const now = options.now ?? (() => performance.now());
  let cached: { readonly report: ReadinessReport; readonly at: number } | undefined;
  let running: Promise<ReadinessReport> | undefined;

  const runChecks = async (): Promise<ReadinessReport> => {
    const names = Object.keys(options.checks);
    const outcomes = await Promise.all(
      names.map((name) => outcomeOf(options.checks[name], timeoutMs, (error) => options.onFailure?.(name, error))),
    );
    const checks = Object.fromEntries(names.map((name, index) => [name, outcomes[index] ?? "ok"]));
    return { ready: outcomes.every((outcome) => outcome === "ok"), checks };
  };

  return {
    async check() {
      const phase = options.phase();
      if (phase !== "serving") return { ready: false, checks: { process: phase } };
      if (cached && now() - cached.at < cacheMs) return cached.report;
      running ??= runChecks().then((report) => {
        cached = { report, at: now() };
        running = undefined;
        return report;
      });
      const report = await running;
      // Shutdown may have begun while the checks ran.
      const after = options.phase();
      return after === "serving" ? report : { ready: false, checks: { process: after } };
    },
  };
}

/** `ok`, `unavailable` (the error goes to `failed`) or `timeout`. Never throws. */
async function outcomeOf(
  check: ReadinessCheck | undefined,
  timeoutMs: number,
  failed: (error: unknown) => void,
): Promise<string> {
  if (check === undefined) return "ok";
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<string>((resolve) => {
    timer = setTimeout(() => {
      failed(new Error(`no answer within ${timeoutMs} ms`));
      resolve("timeout");
    }, timeoutMs);
  });
  try {
    return await Promise.race([
      check().then(
        () => "ok",
        (error: unknown) => {
          failed(error);
          return "unavailable";
        },
      ),
      timedOut,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
