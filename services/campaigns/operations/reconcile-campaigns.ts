import {
  type ReconcileCampaignsRequest,
  ReconcileCampaignsRequestSchema,
  type ReconcileCampaignsResponse,
  ReconcileCampaignsResponseSchema,
} from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
import { DomainError } from "../../kit/errors/index.js";
import { runIdempotent } from "../../kit/idempotency/index.js";
import type { CampaignsContext } from "./campaigns-context.js";
import { type ReconcileScope, reconcile } from "./reconcile.js";

/** A ReconcileCampaigns call: the request as received (its idempotency key guards it) and what it covers. */
export interface ReconcileCampaignsCall {
  readonly request: ReconcileCampaignsRequest;
  readonly scope: ReconcileScope;
}

/**
 * ReconcileCampaigns: one reconcile now (see {@link reconcile}), once per idempotency key — a retry
 * replays the first report. ABORTED while another reconcile runs on any replica.
 */
export async function reconcileCampaigns(
  ctx: CampaignsContext,
  call: ReconcileCampaignsCall,
  signal?: AbortSignal,
): Promise<ReconcileCampaignsResponse> {
  const { request } = call;
  return ctx.db.transaction().execute((trx) =>
    runIdempotent(
      trx,
      {
        scope: "ReconcileCampaigns",
        key: request.idempotencyKey,
        requestSchema: ReconcileCampaignsRequestSchema,
        request,
      },
      ReconcileCampaignsResponseSchema,
      async () => {
        const report = await reconcile(ctx, call.scope, signal);
        if (!report)
          throw new DomainError(
            "aborted",
            "a reconcile is already running on some replica - try again when it has finished",
          );
        return report;
      },
    ),
  );
}
