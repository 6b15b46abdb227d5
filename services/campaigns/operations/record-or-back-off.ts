import { isDatabaseUnavailable, isTransactionConflict } from "../../kit/database/index.js";
import { DomainError } from "../../kit/errors/index.js";
import { maxSyncAttempts, nextSyncRetryAt } from "../domain/index.js";
import { type CampaignRow, findCampaign } from "../storage/index.js";
import type { CampaignsContext } from "./campaigns-context.js";
import type { PushResult } from "./push-campaign.js";
import { claimHolds, recordOutcome } from "./push-claim.js";
import { recordAfterCall } from "./record-after-call.js";

/** How recording the outcome of a sync came out: recorded, or failed for good with a reason safe to show. */
export type Recorded<T> =
  | { readonly kind: "recorded"; readonly value: T }
  | { readonly kind: "failed"; readonly reason: string; readonly cause: unknown };

/** The sync whose outcome is being recorded. */
export interface SyncBeingRecorded {
  readonly campaignId: string;
  /** The claim the recording runs under; null for one that holds none (it checks no claim is in flight). */
  readonly token: string | null;
  /** What could not be recorded, for `last_sync_error` (no internals), given the campaign as stored. */
  readonly describe: (row: CampaignRow) => string;
}

/**
 * Runs `record` — the transaction that records the outcome of a sync with the platform — through
 * {@link recordAfterCall}. When it fails for good (a constraint, a trigger, a value the database
 * refuses: anything but the database being unavailable or a lost conflict, which are thrown as
 * they are, like a {@link DomainError}, and leave the campaign as a replica that lost the database
 * does), the campaign is marked FAILED with a reason and one more attempt counted (see
 * {@link markSyncFailed}), so that the reconciler retries it on a backoff and then gives up,
 * instead of pushing it and failing every run.
 */
export async function recordOrBackOff<T>(
  ctx: CampaignsContext,
  sync: SyncBeingRecorded,
  record: () => Promise<T>,
): Promise<Recorded<T>> {
  try {
    return { kind: "recorded", value: await recordAfterCall(record) };
  } catch (error) {
    if (error instanceof DomainError || isDatabaseUnavailable(error) || isTransactionConflict(error)) throw error;
    return { kind: "failed", reason: await markSyncFailed(ctx, sync, error), cause: error };
  }
}

/**
 * Marks a campaign whose sync could not be recorded (`cause`, logged, never stored) FAILED, while
 * its claim is still `sync.token` (or, without one, while no other call holds it): the reason in
 * `last_sync_error`, `sync_attempts` one more and `retry_at` the next try (see
 * {@link nextSyncRetryAt}; null once the reconciler gives up, saying what to do), the claim
 * cleared and the event the change owes published — the change itself is stored. Returns the
 * reason. A mark that fails too is logged: the campaign then stays as the failed recording left
 * it, and its claim is settled once its lease ends.
 */
export async function markSyncFailed(ctx: CampaignsContext, sync: SyncBeingRecorded, cause: unknown): Promise<string> {
  const { campaignId } = sync;
  ctx.logger.error({ campaignId, err: cause }, "recording a sync with the ad platform failed - the campaign is FAILED");
  let fallback = `the sync of campaign ${campaignId} could not be recorded - the reconciler tries again`;
  try {
    return await recordAfterCall(() =>
      ctx.db.transaction().execute(async (trx) => {
        const row = await findCampaign(trx, campaignId, { lock: true });
        if (!row) return fallback;
        fallback = `${sync.describe(row)} - the reconciler tries again`;
        const ours = sync.token === null ? !claimHolds(ctx, row) : row.push_token === sync.token;
        if (!ours) return fallback;
        const attempts = row.sync_attempts + 1;
        const retryAt = nextSyncRetryAt(ctx.now(), attempts);
        const then = retryAt
          ? "the reconciler tries again"
          : `the reconciler gave up after ${maxSyncAttempts} attempts: find the cause in the server log under this campaign id, fix it, then change the campaign again`;
        const reason = `${sync.describe(row)} - ${then}`;
        await recordOutcome(trx, ctx, row, {
          sync_state: "failed",
          last_sync_error: reason,
          sync_attempts: attempts,
          retry_at: retryAt,
        });
        return reason;
      }),
    );
  } catch (error) {
    ctx.logger.error({ campaignId, err: error }, "marking a sync that could not be recorded failed too");
    return fallback;
  }
}

/**
 * What could not be recorded after `pushed`, the push of the claimed campaign `row`: a change or
 * a removal the platform took, or the outcome of one it did not.
 */
export function unrecordedPush(row: CampaignRow, pushed: PushResult): string {
  const platform = `the ad platform ${row.platform}`;
  if (!pushed.ok)
    return `recording that ${platform} did not take the change of campaign ${row.campaign_id} (${pushed.error.message}) failed`;
  return row.status === "archived"
    ? `${platform} removed archived campaign ${row.campaign_id} but recording it failed`
    : `${platform} accepted the change of campaign ${row.campaign_id} but recording it failed`;
}
