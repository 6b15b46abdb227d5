import { expect, it } from "vitest";
import { slimChaos } from "../chaos/chaos-options.js";
import { formatReport } from "../chaos/chaos-report.js";
import { runChaos } from "../chaos/run-chaos.js";

// The short run of the chaos suite (`npm run chaos` is the full one): two replicas as real
// processes on a PostgreSQL cluster and a NATS server of the test's own, orders placed with
// retries while a replica is killed and frozen, PostgreSQL restarted and its backends
// terminated, NATS killed and frozen; then every invariant must hold. It asserts what held, never
// how fast: the report (with the folder of logs when something broke) is the failure message.
it("keeps every invariant through replica, PostgreSQL and NATS faults under load", async () => {
  const report = await runChaos({ ...slimChaos, seed: 9 });
  const broken = report.checks.filter((check) => !check.passed).map((check) => check.name);
  expect(broken, formatReport(report)).toEqual([]);
  expect(report.checks.length).toBeGreaterThanOrEqual(15);
  expect(report.faults.map((fault) => fault.name)).toEqual(expect.arrayContaining([...slimChaos.faults]));
  expect(report.faults.filter((fault) => fault.error)).toEqual([]);
  expect(report.stats.placements.acknowledged).toBeGreaterThan(0);
  expect(report.stats.placements.refused).toBeGreaterThan(0);
}, 240_000);
