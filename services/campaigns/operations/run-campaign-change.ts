import type { DescMessage, MessageShape } from "@bufbuild/protobuf";
import type { Kysely } from "kysely";
import type { Principal } from "../../kit/auth/index.js";
import { runIdempotent } from "../../kit/idempotency/index.js";
import type { CampaignRow, CampaignsDatabase } from "../storage/index.js";
import type { CampaignsContext } from "./campaigns-context.js";
import { requireVisibleCampaign } from "./visible-campaign.js";

/** The RPC that changes a campaign, as its idempotency key is scoped and checked. */
export interface CampaignChangeRequest<Req extends DescMessage> {
  /** The RPC's name, e.g. `UpdateCampaign`: keys are scoped to it and to the campaign. */
  readonly method: string;
  readonly campaignId: string;
  readonly idempotencyKey: string;
  /** The request as received; a retry under the same key must be the same request. */
  readonly requestSchema: Req;
  readonly request: MessageShape<Req>;
}

/**
 * The frame of every RPC that changes an existing campaign: one transaction that locks the
 * campaign's row (so updates, archives and the reconciler change one campaign one after the other),
 * refuses a caller who may not see it (before its idempotency key is looked at, so another tenant's
 * answer is never replayed), and runs `work` on the locked row once per idempotency key — a retry
 * replays the first answer.
 */
export async function runCampaignChange<Req extends DescMessage, Res extends DescMessage>(
  ctx: CampaignsContext,
  principal: Principal,
  change: CampaignChangeRequest<Req>,
  responseSchema: Res,
  work: (trx: Kysely<CampaignsDatabase>, current: CampaignRow) => Promise<MessageShape<Res>>,
): Promise<MessageShape<Res>> {
  return ctx.db.transaction().execute(async (trx) => {
    const current = await requireVisibleCampaign(trx, principal, change.campaignId, { lock: true });
    return runIdempotent(
      trx,
      {
        scope: `${change.method}/${change.campaignId}`,
        key: change.idempotencyKey,
        requestSchema: change.requestSchema,
        request: change.request,
      },
      responseSchema,
      () => work(trx, current),
    );
  });
}
