import { differingFields, type PlatformFieldName, type PlatformFields } from "./campaign-fields.js";
import { awaitsPush, type CampaignStatusName, type SyncStateName } from "./campaign-status.js";

/** A local campaign as the reconciler weighs it against the platform's listing. */
export interface LocalSyncFacts extends Omit<PlatformFields, "status"> {
  readonly status: CampaignStatusName;
  readonly syncState: SyncStateName;
  /** True when the campaign changed after the listing began, so the listing may be older than it. */
  readonly changedSinceListing: boolean;
  /**
   * True while its last sync failed for good on Waybill's side and its next try is not due (or was
   * given up, see `retryWaits`): left alone, so a failure that repeats is not met every run.
   */
  readonly retryWaits: boolean;
}

/** What to do with a campaign the platform listed. */
export type ListedDecision =
  /** Changed during this reconcile, or waiting for its retry: left to a later one. */
  | { readonly kind: "skip" }
  /** The local copy matches the platform. */
  | { readonly kind: "in_line" }
  /** The local copy drifted: take the platform's values of `fields`. */
  | { readonly kind: "pull"; readonly fields: readonly PlatformFieldName[] }
  /** A local change the platform has not seen: send it (with no differing fields, just record the sync). */
  | { readonly kind: "push"; readonly fields: readonly PlatformFieldName[] }
  /** Archived locally but still on the platform: remove it there. */
  | { readonly kind: "remove" };

/**
 * How the reconciler treats a local campaign the platform listed. The platform wins over a synced
 * copy (it was changed there); a local change still waiting for the platform (PENDING or FAILED)
 * wins over the platform; an archived campaign must not stay on the platform. A campaign whose
 * retry waits is left alone.
 *
 * @example
 * decideListed({ ...local, syncState: "synced" }, { ...local, name: "Renamed there" }); // pull ["name"]
 */
export function decideListed(local: LocalSyncFacts, remote: PlatformFields): ListedDecision {
  if (local.changedSinceListing || local.retryWaits) return { kind: "skip" };
  if (local.status === "archived") return { kind: "remove" };
  const fields = differingFields(local, remote);
  if (awaitsPush(local.syncState)) return { kind: "push", fields };
  return fields.length === 0 ? { kind: "in_line" } : { kind: "pull", fields };
}

/** What to do with a local campaign missing from the platform's complete listing. */
export type UnlistedDecision =
  /** Changed during this reconcile, or waiting for its retry: left to a later one. */
  | { readonly kind: "skip" }
  /** Nothing to do: archived and known to be off the platform. */
  | { readonly kind: "in_line" }
  /** Archived, its removal still pending, and the platform no longer has it: the removal is done. */
  | { readonly kind: "removed" }
  /** Not archived, but deleted on the platform: archive it locally. */
  | { readonly kind: "archive" };

/**
 * How the reconciler treats a local campaign of a platform that the platform's complete listing
 * did not contain. Only called after every page was listed, so absence means deletion.
 */
export function decideUnlisted(
  local: Pick<LocalSyncFacts, "status" | "syncState" | "changedSinceListing" | "retryWaits">,
): UnlistedDecision {
  if (local.changedSinceListing || local.retryWaits) return { kind: "skip" };
  if (local.status !== "archived") return { kind: "archive" };
  return awaitsPush(local.syncState) ? { kind: "removed" } : { kind: "in_line" };
}
