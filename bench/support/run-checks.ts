import type { Queryable } from "./bench-database.js";
import { checkCampaignAttribution } from "./check-campaigns.js";
import { checkNotificationsOnce, checkOrderPlacedEmails, checkStockMovesOnce } from "./check-effects-once.js";
import { checkOrderedUnits, checkOrdersConfirmed, checkReservedMatchesHolds } from "./check-reservations.js";
import { type CheckResult, checkOf, notJudged } from "./check-result.js";
import { checkStockBounds, checkStockMatchesLedger } from "./check-stock.js";

/** Checks whose rule holds only once the asynchronous side has caught up. */
const afterDrain = [checkOrdersConfirmed, checkOrderPlacedEmails, checkCampaignAttribution];
/** Checks whose rule holds at any moment between runs. */
const always = [
  checkStockMatchesLedger,
  checkStockBounds,
  checkReservedMatchesHolds,
  checkOrderedUnits,
  checkStockMovesOnce,
  checkNotificationsOnce,
];

/**
 * Every correctness check of the bench's database after a run, in a fixed order. `drained` says
 * whether the asynchronous side caught up: a run that did not fails the `drained` check, and a
 * check that needs it and fails is reported as skipped (its rule cannot be judged yet).
 */
export async function runChecks(db: Queryable, drained: boolean): Promise<CheckResult[]> {
  const checks: CheckResult[] = [
    checkOf(
      "drained",
      "every outbox row published and every durable consumer caught up before the timeout",
      drained ? [] : ["not drained"],
    ),
  ];
  for (const check of always) checks.push(await check(db));
  for (const check of afterDrain) checks.push(drained ? await check(db) : notJudged(await check(db)));
  return checks;
}
