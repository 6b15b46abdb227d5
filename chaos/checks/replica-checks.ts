import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { CheckContext } from "./check-context.js";
import { type CheckResult, verdict } from "./check-result.js";

/** The fault that started last before `atSeconds` (within a minute), for the evidence of a crash. */
function faultBefore(ctx: CheckContext, atSeconds: number): string {
  const before = ctx.faults.filter((fault) => fault.atSeconds <= atSeconds && atSeconds - fault.atSeconds < 60).at(-1);
  return before
    ? ` (${(atSeconds - before.atSeconds).toFixed(1)} s after ${before.name} at ${before.atSeconds.toFixed(1)} s)`
    : "";
}

/**
 * Every replica still running: no process exited unless the harness killed it, and each answers
 * its health check SERVING now.
 */
export async function replicasStillRunning(ctx: CheckContext): Promise<CheckResult> {
  const health = await ctx.replicas.health();
  const evidence = [
    ...ctx.replicas
      .unexpectedExits()
      .map(
        (exit) =>
          `replica ${exit.replica} (incarnation ${exit.incarnation}) exited unasked at ${exit.atSeconds.toFixed(1)} s${faultBefore(ctx, exit.atSeconds)}, ${exit.exit.signal ?? `code ${exit.exit.code}`}: ${exit.summary}`,
      ),
    ...health
      .filter((replica) => !replica.running || replica.serving !== "SERVING")
      .map((replica) => `replica ${replica.replica} at the end: ${replica.running ? replica.serving : "not running"}`),
  ];
  const serving = health.filter((replica) => replica.running && replica.serving === "SERVING").length;
  return verdict(
    "every replica still running",
    `${serving}/${health.length} SERVING at the end; ${ctx.replicas.unexpectedExits().length} unasked exits`,
    evidence,
  );
}

/**
 * Clients saw faults only as UNAVAILABLE or DEADLINE_EXCEEDED (never INTERNAL or UNKNOWN), orders
 * were refused only for shortage (FAILED_PRECONDITION) or an expired hold (ABORTED), restocks and
 * cancellations never, and the driver itself never failed.
 */
export function clientAnswers(ctx: CheckContext): CheckResult {
  const counts = [...ctx.calls.counts()].sort((a, b) => b[1] - a[1]).map(([code, n]) => `${code} ${n}`);
  const evidence = [
    ...ctx.calls
      .unexpected()
      .map(
        ({ what, attempt }) =>
          `${attempt.code} at ${attempt.atSeconds.toFixed(1)} s${faultBefore(ctx, attempt.atSeconds)} from replica ${attempt.replica} to ${what}: ${attempt.message}${loggedCause(ctx, attempt.replica, attempt.message)}`,
      ),
    ...ctx.driver.placements
      .filter((p) => p.refusal && p.refusal.code !== "FailedPrecondition" && p.refusal.code !== "Aborted")
      .map((p) => `PlaceOrder key ${p.key} refused ${p.refusal?.code}: ${p.refusal?.message}`),
    ...ctx.driver.restocks
      .filter((r) => r.outcome === "refused")
      .map((r) => `AdjustStock key ${r.key} refused: ${r.attempts.at(-1)?.code} ${r.attempts.at(-1)?.message}`),
    ...ctx.driver.placements
      .filter((p) => p.cancel?.outcome === "refused")
      .map(
        (p) =>
          `CancelOrder key ${p.cancel?.key} (order ${p.orderId}) refused ${p.cancel?.refusal?.code}: ${p.cancel?.refusal?.message}`,
      ),
    ...ctx.driver.failures.map((failure) => `driver error: ${failure.split("\n")[0]}`),
  ];
  return verdict("faults reach clients as UNAVAILABLE or DEADLINE_EXCEEDED", counts.join(", "), evidence);
}

/**
 * What the replica logged for an INTERNAL answer (the answer names only its trace id): the
 * error's type, SQLSTATE and first line, so a failed run says why without opening the logs.
 */
function loggedCause(ctx: CheckContext, replica: number, message: string): string {
  const traceId = /trace id ([0-9a-f]{32})/.exec(message)?.[1];
  if (!traceId) return "";
  let log: string;
  try {
    log = readFileSync(join(ctx.logDir, `replica-${replica}.log`), "utf8");
  } catch {
    return "";
  }
  for (const line of log.split("\n")) {
    if (!line.includes(traceId) || !line.startsWith("{")) continue;
    try {
      const entry = JSON.parse(line) as { msg?: string; err?: { type?: string; code?: string; message?: string } };
      if (!entry.err) continue;
      const { type, code, message: text } = entry.err;
      return ` (logged: ${entry.msg}: ${type ?? "error"}${code ? ` ${code}` : ""} ${String(text).split("\n")[0]})`;
    } catch {}
  }
  return "";
}

/** The system settled after the load within the time allowed. */
export function systemSettled(ctx: CheckContext): CheckResult {
  const { settling } = ctx;
  return verdict(
    "outboxes drained, consumers caught up, emails sent",
    settling.settled ? `settled ${settling.seconds} s after the load` : `not settled after ${settling.seconds} s`,
    settling.waiting,
  );
}
