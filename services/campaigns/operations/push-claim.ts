import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { DomainError } from "../../kit/errors/index.js";
import { awaitsCreate, type CampaignFieldName, leaseEnd, leaseHolds } from "../domain/index.js";
import {
  type CampaignRow,
  type CampaignsDatabase,
  type CampaignUpdate,
  noClaim,
  type PushClaim,
  updateCampaign,
} from "../storage/index.js";
import { type CampaignHappening, emitCampaignEvent } from "./campaign-events.js";
import type { CampaignsContext } from "./campaigns-context.js";

/** A new claim on a campaign for one platform call: a token of its own and a lease of `ctx.leaseMs`. */
export function newClaim(ctx: CampaignsContext): PushClaim {
  return { token: randomUUID(), until: leaseEnd(ctx.now(), ctx.leaseMs) };
}

/** True while another platform call for the campaign holds its claim. */
export function claimHolds(ctx: CampaignsContext, row: CampaignRow): boolean {
  return row.push_token !== null && leaseHolds(row.push_until, ctx.now());
}

/** ABORTED: another change of the campaign is at its platform right now. */
export function changeInFlight(campaignId: string): DomainError {
  return new DomainError("aborted", `a change of campaign ${campaignId} is in flight - retry shortly`);
}

/**
 * Stores the outcome of a claimed platform call — `columns`, typically the sync state — clears the
 * claim and publishes the event the claimed change owes (`push_event` of `claimed`, by
 * `push_actor`), all in `trx`. The caller has checked that the claim is the one it holds, or that
 * its lease has ended.
 */
export async function recordOutcome(
  trx: Kysely<CampaignsDatabase>,
  ctx: CampaignsContext,
  claimed: CampaignRow,
  columns: CampaignUpdate,
): Promise<CampaignRow> {
  const row = await updateCampaign(trx, claimed.campaign_id, { ...columns, ...noClaim });
  const happening = owedHappening(claimed);
  if (happening) await emitCampaignEvent(trx, ctx, row, happening, claimed.push_actor);
  return row;
}

/**
 * A campaign about to be changed, with the claim of an earlier platform call settled: ABORTED
 * while that call's lease holds; once it has ended without an outcome (its replica died or lost
 * the database mid-call), its change — committed with the claim, PENDING, and pushed later by the
 * reconciler or the next change — gets the event it owes, and the claim is cleared. Creates the
 * platform has not confirmed are left to their completion.
 */
export async function settleEndedClaim(
  trx: Kysely<CampaignsDatabase>,
  ctx: CampaignsContext,
  row: CampaignRow,
): Promise<CampaignRow> {
  if (row.push_token === null || awaitsCreate(row.platform_campaign_id)) return row;
  if (claimHolds(ctx, row)) throw changeInFlight(row.campaign_id);
  return recordOutcome(trx, ctx, row, {});
}

function owedHappening(row: CampaignRow): CampaignHappening | undefined {
  switch (row.push_event) {
    case "created":
      return { kind: "created" };
    case "updated":
      return { kind: "updated", changedFields: row.push_fields as readonly CampaignFieldName[] };
    case "archived":
      return { kind: "archived" };
    case null:
      return undefined;
  }
}
