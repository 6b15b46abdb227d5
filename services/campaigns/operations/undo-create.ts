import { isDatabaseUnavailable, isTransactionConflict } from "../../kit/database/index.js";
import { DomainError } from "../../kit/errors/index.js";
import { nextSyncRetryAt } from "../domain/index.js";
import { type PlatformCampaign, PlatformError } from "../platform/index.js";
import { type CampaignRow, deleteUnconfirmedCreate, markUndoneCreate } from "../storage/index.js";
import { callWithinLease } from "./call-within-lease.js";
import type { CampaignsContext } from "./campaigns-context.js";
import { recordAfterCall } from "./record-after-call.js";

/** How confirming a create the platform accepted came out: confirmed, or undone with a reason safe to show. */
export type ConfirmResult<T> =
  | { readonly kind: "confirmed"; readonly value: T }
  | { readonly kind: "undone"; readonly reason: string; readonly cause: unknown };

/**
 * Runs `confirm` — the transaction that stores a create the platform accepted as `remote` — for
 * the unconfirmed campaign `row` that `token` claims, through {@link recordAfterCall}. When it
 * fails for good (a constraint, a trigger, a value the database refuses: anything but the
 * database being unavailable or a lost conflict), the create is undone ({@link undoCreate}) so
 * that no platform campaign is left that Waybill does not know. A database that is unavailable
 * leaves the campaign unconfirmed with its claim, as a replica dying mid-call does: the retry with
 * the same key or the reconciler confirms it once the database is back (the platform replays the
 * key with this very campaign, which removing it would turn into one confirmed but gone). Those
 * errors, and a {@link DomainError} of `confirm`, are thrown as they are.
 */
export async function confirmOrUndo<T>(
  ctx: CampaignsContext,
  row: CampaignRow,
  token: string,
  remote: PlatformCampaign,
  confirm: () => Promise<T>,
): Promise<ConfirmResult<T>> {
  try {
    return { kind: "confirmed", value: await recordAfterCall(confirm) };
  } catch (error) {
    if (error instanceof DomainError || isDatabaseUnavailable(error) || isTransactionConflict(error)) throw error;
    return { kind: "undone", reason: await undoCreate(ctx, row, token, remote, error), cause: error };
  }
}

/**
 * Undoes a create the platform accepted as `remote` but Waybill could not store (`cause`): removes
 * the campaign from the platform, outside any transaction (one already gone counts as removed),
 * then, while `token` still claims it, deletes the unconfirmed campaign, so nothing is left on
 * either side. When the removal fails, the campaign is kept unconfirmed (invisible to readers)
 * and FAILED with the reason, its promo code freed and no CampaignCreated owed, and the reconciler
 * tries the removal again on a backoff (see {@link nextSyncRetryAt}). Returns the reason, which
 * names no internals. A recording that fails too is logged: the campaign then stays unconfirmed,
 * and the reconciler meets the same failure and undoes the create again.
 */
export async function undoCreate(
  ctx: CampaignsContext,
  row: CampaignRow,
  token: string,
  remote: PlatformCampaign,
  cause: unknown,
): Promise<string> {
  const about = { campaignId: row.campaign_id, platform: row.platform, platformCampaignId: remote.id };
  ctx.logger.error(
    { ...about, err: cause },
    "a campaign the platform created could not be stored - undoing the create",
  );
  const stored = `campaign ${row.campaign_id} could not be stored after the ad platform ${row.platform} created it as ${remote.id}`;
  const failure = await removeFromPlatform(ctx, row.platform, remote.id);
  const reason = failure
    ? `${stored} and removing it there failed (${failure.message}) - the reconciler tries again`
    : `${stored} - the create was undone and the campaign removed from the platform`;
  try {
    await recordAfterCall(async () => {
      if (!failure) return deleteUnconfirmedCreate(ctx.db, row.campaign_id, token);
      const now = ctx.now();
      return markUndoneCreate(ctx.db, row.campaign_id, token, {
        sync_state: "failed",
        last_sync_error: reason,
        promo_code: "",
        updated_at: now,
        sync_attempts: 1,
        retry_at: nextSyncRetryAt(now, 1),
      });
    });
  } catch (error) {
    ctx.logger.error({ ...about, err: error }, "recording an undone create failed - the reconciler undoes it again");
  }
  return reason;
}

/**
 * Removes a campaign from its platform, outside any transaction and within a claim's lease
 * (abandoned when `signal` aborts); `undefined` when it is gone (also when it already was), the
 * failure otherwise. {@link undoCreate} passes no signal: an undo is finished even when its caller
 * has left.
 */
export async function removeFromPlatform(
  ctx: CampaignsContext,
  platform: string,
  platformCampaignId: string,
  signal?: AbortSignal,
): Promise<PlatformError | undefined> {
  try {
    const client = ctx.platforms.get(platform);
    await callWithinLease(ctx, platform, signal, (bounded) => client.remove(platformCampaignId, bounded));
    return undefined;
  } catch (error) {
    if (error instanceof PlatformError) return error;
    if (error instanceof DomainError)
      return new PlatformError("unavailable", platform, `the ad platform ${platform} is not configured on this server`);
    throw error;
  }
}
