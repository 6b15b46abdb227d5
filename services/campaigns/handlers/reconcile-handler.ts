import type { ServiceImpl } from "@connectrpc/connect";
import {
  type CampaignService,
  ReconcileCampaignsRequestSchema,
  ReconcileCampaignsResponseSchema,
} from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
import { DomainError } from "../../kit/errors/index.js";
import { runIdempotent } from "../../kit/idempotency/index.js";
import type { CampaignsContext } from "../operations/campaigns-context.js";
import { reconcile } from "../operations/reconcile.js";

/** ReconcileCampaigns: one reconcile now, ABORTED while another runs on any replica. */
export function createReconcileHandler(
  ctx: CampaignsContext,
): Pick<ServiceImpl<typeof CampaignService>, "reconcileCampaigns"> {
  return {
    async reconcileCampaigns(request, context) {
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
            const report = await reconcile(
              ctx,
              {
                ...(request.brandId ? { brandId: request.brandId } : {}),
                ...(request.platform ? { platform: request.platform } : {}),
              },
              context.signal,
            );
            if (!report)
              throw new DomainError(
                "aborted",
                "a reconcile is already running on some replica - try again when it has finished",
              );
            return report;
          },
        ),
      );
    },
  };
}
