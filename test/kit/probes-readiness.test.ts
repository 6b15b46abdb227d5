import { describe, expect, it } from "vitest";
import type { HealthPhase } from "../../services/kit/server/health-service.js";
import { createReadinessProbe } from "../../services/kit/server/readiness-probe.js";

// The readiness probe's rules on its own: the phase is read live, dependency outcomes are cached
// and shared, and a dependency that never answers costs a probe at most its timeout.
describe("readiness probe", () => {
  const failures: string[] = [];
  it("is not ready while starting or stopping, whatever the dependencies say", async () => {
    let phase: HealthPhase = "starting";
    const probe = createReadinessProbe({
      phase: () => phase,
      checks: { database: async () => undefined },
    });
    expect(await probe.check()).toEqual({ ready: false, checks: { process: "starting" } });
    phase = "serving";
    expect(await probe.check()).toEqual({ ready: true, checks: { database: "ok" } });
    phase = "stopping";
    // Cached outcomes never hide the shutdown.
    expect(await probe.check()).toEqual({ ready: false, checks: { process: "stopping" } });
  });

  it("caches outcomes for cacheMs and runs one check for probes arriving together", async () => {
    let time = 0;
    let runs = 0;
    let failing = false;
    const probe = createReadinessProbe({
      onFailure: (check, error) => failures.push(`${check}: ${(error as Error).message}`),
      phase: () => "serving",
      now: () => time,
      cacheMs: 1000,
      checks: {
        nats: async () => {
          runs++;
          if (failing) throw new Error("connection disconnected");
        },
      },
    });
    const together = await Promise.all([probe.check(), probe.check(), probe.check()]);
    expect(together.map((report) => report.ready)).toEqual([true, true, true]);
    expect(runs).toBe(1);
    failing = true;
    time = 999;
    expect((await probe.check()).ready).toBe(true);
    expect(runs).toBe(1);
    time = 1000;
    // The answer names no detail (the probe needs no token); the reason goes to the log.
    expect(await probe.check()).toEqual({ ready: false, checks: { nats: "unavailable" } });
    expect(runs).toBe(2);
    expect(failures).toEqual(["nats: connection disconnected"]);
  });

  it("counts a check that does not answer within timeoutMs as failed, without waiting for it", async () => {
    const probe = createReadinessProbe({
      phase: () => "serving",
      timeoutMs: 50,
      checks: { database: () => new Promise(() => undefined), nats: async () => undefined },
    });
    const started = performance.now();
    const report = await probe.check();
    expect(report).toEqual({ ready: false, checks: { database: "timeout", nats: "ok" } });
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
