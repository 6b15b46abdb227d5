import {
  type ReconcileCampaignsRequest,
  ReconcileCampaignsRequestSchema,
  type ReconcileCampaignsResponse,
  ReconcileCampaignsResponseSchema,
} from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
import { DomainError } from "../../kit/errors/index.js";
import {
  answerOf,
  type IdempotentRequest,
  readStoredAnswer,
  runIdempotent,
  withStoredRefusals,
} from "../../kit/idempotency/index.js";
import type { CampaignsContext } from "./campaigns-context.js";
import { type ReconcileScope, reconcile } from "./reconcile.js";

/** A ReconcileCampaigns call: the request as received (its idempotency key guards it) and what it covers. */
export interface ReconcileCampaignsCall {
  readonly request: ReconcileCampaignsRequest;
  readonly scope: ReconcileScope;
}

/**
 * ReconcileCampaigns: one reconcile now (see {@link reconcile}), once per idempotency key — a retry
 * replays the first report. The key is read first and the report stored after the run, each in one
 * short statement or transaction, never around the run. ABORTED while another reconcile runs on
 * any replica (a retry with the same key then runs once that one has finished).
 */
export async function reconcileCampaigns(
  ctx: CampaignsContext,
  call: ReconcileCampaignsCall,
  signal?: AbortSignal,
): Promise<ReconcileCampaignsResponse> {
  const { request } = call;
  // A platform the server does not have is INVALID_ARGUMENT before the key is looked at.
  if (call.scope.platform) ctx.platforms.get(call.scope.platform);
  const idempotent: IdempotentRequest<typeof ReconcileCampaignsRequestSchema> = {
    scope: "ReconcileCampaigns",
    key: request.idempotencyKey,
    requestSchema: ReconcileCampaignsRequestSchema,
    request,
  };
  return withStoredRefusals(ctx.db, idempotent, ReconcileCampaignsResponseSchema, async () => {
    const stored = await readStoredAnswer(ctx.db, idempotent, ReconcileCampaignsResponseSchema);
    if (stored.kind !== "none") return answerOf(stored);
    const report = await reconcile(ctx, call.scope, signal);
    if (!report)
      throw new DomainError(
        "aborted",
        "a reconcile is already running on some replica - try again when it has finished",
      );
    return ctx.db
      .transaction()
      .execute((trx) => runIdempotent(trx, idempotent, ReconcileCampaignsResponseSchema, async () => report));
  });
}
