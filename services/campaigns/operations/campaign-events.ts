import { create } from "@bufbuild/protobuf";
import {
  CampaignArchivedSchema,
  CampaignCreatedSchema,
  CampaignUpdatedSchema,
} from "@waybill/contracts/waybill/campaigns/v1/events_pb.js";
import type { Kysely } from "kysely";
import type { CampaignFieldName } from "../domain/index.js";
import type { CampaignRow, CampaignsDatabase } from "../storage/index.js";
import { toCampaign } from "../wire/index.js";
import type { CampaignsContext } from "./campaigns-context.js";

/** The actor of changes the reconciler makes. */
export const reconcilerActor = "reconciler";

/** What happened to a campaign, for its event. */
export type CampaignHappening =
  | { readonly kind: "created" }
  | { readonly kind: "updated"; readonly changedFields: readonly CampaignFieldName[] }
  | { readonly kind: "archived" };

/**
 * Writes CampaignCreated, CampaignUpdated or CampaignArchived for `row` (tenant: its brand) to the
 * outbox in `trx`, so the event is published if and only if the change commits.
 */
export async function emitCampaignEvent(
  trx: Kysely<CampaignsDatabase>,
  ctx: CampaignsContext,
  row: CampaignRow,
  happening: CampaignHappening,
  actor: string,
): Promise<void> {
  const campaign = toCampaign(row);
  const target = { aggregateId: row.campaign_id, tenant: row.brand_id };
  switch (happening.kind) {
    case "created":
      await ctx.outbox.append(trx, {
        schema: CampaignCreatedSchema,
        payload: create(CampaignCreatedSchema, { campaign, actor }),
        ...target,
      });
      return;
    case "updated":
      await ctx.outbox.append(trx, {
        schema: CampaignUpdatedSchema,
        payload: create(CampaignUpdatedSchema, { campaign, changedFields: [...happening.changedFields], actor }),
        ...target,
      });
      return;
    case "archived":
      await ctx.outbox.append(trx, {
        schema: CampaignArchivedSchema,
        payload: create(CampaignArchivedSchema, { campaign, actor }),
        ...target,
      });
      return;
  }
}
