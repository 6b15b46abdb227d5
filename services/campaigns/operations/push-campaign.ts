import { DomainError } from "../../kit/errors/index.js";
import { PlatformError, platformBody } from "../platform/index.js";
import { type CampaignRow, type CampaignUpdate, platformFields } from "../storage/index.js";
import { callWithinLease } from "./call-within-lease.js";
import type { CampaignsContext } from "./campaigns-context.js";

/** The sync columns a push leaves behind. */
export type SyncColumns = Pick<
  CampaignUpdate,
  "sync_state" | "last_sync_error" | "last_sync_at" | "sync_attempts" | "retry_at"
>;

/** The outcome of {@link pushCampaign}: the sync columns to store, and the error when it failed. */
export type PushResult =
  | { readonly ok: true; readonly sync: SyncColumns }
  | { readonly ok: false; readonly error: PlatformError; readonly sync: SyncColumns };

/**
 * Brings the platform in line with a local campaign the caller has claimed (see `push-claim.ts`),
 * outside any transaction and within the claim's lease: an archived one is deleted there (one it
 * no longer has counts as deleted), any other gets its name, budget, times and status. On success
 * the campaign is SYNCED (an archived one LOCAL_ONLY); when the platform cannot be reached or
 * refuses, FAILED with the reason; when the caller gave up first, PENDING. The caller stores the
 * columns.
 */
export async function pushCampaign(ctx: CampaignsContext, row: CampaignRow, signal?: AbortSignal): Promise<PushResult> {
  try {
    const client = ctx.platforms.get(row.platform);
    await callWithinLease(ctx, row.platform, signal, async (bounded) => {
      if (row.status === "archived") await client.remove(row.platform_campaign_id, bounded);
      else await client.update(row.platform_campaign_id, platformBody(platformFields(row)), bounded);
    });
    return {
      ok: true,
      sync: {
        sync_state: row.status === "archived" ? "local_only" : "synced",
        last_sync_error: "",
        last_sync_at: ctx.now(),
        // In line again: a recording that failed for good earlier no longer waits for a retry.
        sync_attempts: 0,
        retry_at: null,
      },
    };
  } catch (error) {
    const failure = error instanceof PlatformError ? error : unconfigured(row, error);
    return {
      ok: false,
      error: failure,
      sync: { sync_state: failure.kind === "aborted" ? "pending" : "failed", last_sync_error: failure.message },
    };
  }
}

/** A campaign of a platform this server no longer has configured cannot be pushed. */
function unconfigured(row: CampaignRow, error: unknown): PlatformError {
  if (error instanceof DomainError)
    return new PlatformError(
      "unavailable",
      row.platform,
      `the ad platform ${row.platform} is not configured on this server`,
    );
  throw error;
}
