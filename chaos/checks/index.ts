/** The invariants a chaos run checks once the system has settled (each file: one group of rules). */
import { campaignStatsExact } from "./campaign-check.js";
import type { CheckContext } from "./check-context.js";
import { brokenCheck, type CheckResult } from "./check-result.js";
import { effectsOncePerEvent, noDeadLetters, streamsMatchOutboxes } from "./event-checks.js";
import { emailsDelivered } from "./notification-checks.js";
import { acknowledgedOrdersOnce, refusalsFinal } from "./order-checks.js";
import { replayedKeysAnswerTheSame } from "./replay-check.js";
import { clientAnswers, replicasStillRunning, systemSettled } from "./replica-checks.js";
import { ledgerReplay, noOrphanHolds, noOversell, reservationsMatchOrders, restocksOnce } from "./stock-checks.js";

export type { CheckContext } from "./check-context.js";
export type { CheckResult } from "./check-result.js";

/** Runs a check; one that throws is a failed check naming why. */
async function attempt(
  name: string,
  check: () => Promise<CheckResult | CheckResult[]> | CheckResult,
): Promise<CheckResult[]> {
  try {
    const result = await check();
    return Array.isArray(result) ? result : [result];
  } catch (error) {
    return [brokenCheck(name, error)];
  }
}

/**
 * Checks every invariant, in an order where each sees a final state: the wait for orphan holds
 * first, the replay of keys (which places orders if refusals are not final) last, and the
 * replicas' health after everything (listed first).
 */
export async function runChecks(ctx: CheckContext, alertRecipients: number): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const [name, check] of [
    ["faults reach clients as UNAVAILABLE or DEADLINE_EXCEEDED", () => clientAnswers(ctx)],
    ["outboxes drained, consumers caught up, emails sent", () => systemSettled(ctx)],
    ["no orphan holds", () => noOrphanHolds(ctx)],
    ["no SKU oversold", () => noOversell(ctx)],
    ["every acknowledged order exists exactly once", () => acknowledgedOrdersOnce(ctx)],
    ["no refused key has an order", () => refusalsFinal(ctx)],
    ["ledger replay (RebuildStock) equals the levels", () => ledgerReplay(ctx)],
    ["holds match orders (each reserved and released once)", () => reservationsMatchOrders(ctx)],
    ["each restock applied once", () => restocksOnce(ctx)],
    ["each consumer's effect once per event", () => effectsOncePerEvent(ctx, alertRecipients)],
    ["emails sent, repeats counted in attempts", () => emailsDelivered(ctx)],
    ["campaign stats exact", () => campaignStatsExact(ctx)],
    ["streams and outboxes", () => streamsMatchOutboxes(ctx)],
    ["no dead letters", () => noDeadLetters(ctx)],
    ["replayed keys answer as before (refusals are final)", () => replayedKeysAnswerTheSame(ctx)],
  ] as const) {
    results.push(...(await attempt(name, check)));
  }
  return [...(await attempt("every replica still running", () => replicasStillRunning(ctx))), ...results];
}
