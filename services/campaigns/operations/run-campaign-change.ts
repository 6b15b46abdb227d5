import type { DescMessage, MessageShape } from "@bufbuild/protobuf";
import type { Kysely } from "kysely";
import type { Principal } from "../../kit/auth/index.js";
import { DomainError } from "../../kit/errors/index.js";
import {
  answerOf,
  type IdempotentRequest,
  readStoredAnswer,
  runIdempotent,
  withStoredRefusals,
} from "../../kit/idempotency/index.js";
import { type CampaignRow, type CampaignsDatabase, findCampaign } from "../storage/index.js";
import type { CampaignsContext } from "./campaigns-context.js";
import { type PushResult, pushCampaign } from "./push-campaign.js";
import { settleEndedClaim } from "./push-claim.js";
import { recordOrBackOff, unrecordedPush } from "./record-or-back-off.js";
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

/** What recording a push came to: the campaign as stored, or a refusal after nothing was changed. */
export type ChangeOutcome =
  | { readonly kind: "done"; readonly row: CampaignRow }
  | { readonly kind: "refused"; readonly error: DomainError };

/** What a change decided in its first transaction, on the locked campaign. */
export type ChangePlan =
  /** Done in that transaction (nothing for the platform): the campaign as stored. */
  | { readonly kind: "local"; readonly row: CampaignRow }
  /**
   * The change was stored PENDING with a claim (`token`): `row` is pushed outside any
   * transaction, then `record` stores the outcome in a second one, on the campaign as claimed.
   */
  | {
      readonly kind: "push";
      readonly row: CampaignRow;
      readonly token: string;
      readonly record: (
        trx: Kysely<CampaignsDatabase>,
        claimed: CampaignRow,
        pushed: PushResult,
      ) => Promise<ChangeOutcome>;
    };

/**
 * The frame of every RPC that changes an existing campaign, once per idempotency key (a retry
 * replays the first answer, a definitive refusal included), with no transaction open while the
 * platform is called:
 *
 * 1. a short transaction locks the campaign's row, refuses a caller who may not see it (before its
 *    idempotency key is looked at, so another tenant's answer is never replayed), replays a stored
 *    answer, answers ABORTED while another change of the campaign is at the platform (settling a
 *    claim whose lease ended), and runs `plan` — which either does everything there, or stores the
 *    change PENDING and claims the campaign for the push;
 * 2. the push, outside any transaction, within the claim's lease;
 * 3. a second short transaction records the outcome (`record`) and the answer under the key, if
 *    the claim is still ours (tried again on a lost connection); if it is not (the lease ended and
 *    someone else took over), the answer stored meanwhile, or UNAVAILABLE asking for a retry with
 *    the same key. When it fails for good, the campaign is kept FAILED and retried by the
 *    reconciler on a backoff (see {@link recordOrBackOff}), and the caller gets INTERNAL; when the
 *    database is unavailable, UNAVAILABLE, and the change stays PENDING with its claim.
 */
export async function runCampaignChange<Req extends DescMessage, Res extends DescMessage>(
  ctx: CampaignsContext,
  principal: Principal,
  change: CampaignChangeRequest<Req>,
  responseSchema: Res,
  work: {
    readonly plan: (trx: Kysely<CampaignsDatabase>, current: CampaignRow) => Promise<ChangePlan>;
    readonly respond: (row: CampaignRow) => MessageShape<Res>;
  },
  signal?: AbortSignal,
): Promise<MessageShape<Res>> {
  const idempotent: IdempotentRequest<Req> = {
    scope: `${change.method}/${change.campaignId}`,
    key: change.idempotencyKey,
    requestSchema: change.requestSchema,
    request: change.request,
  };
  const store = (trx: Kysely<CampaignsDatabase>, response: MessageShape<Res>) =>
    runIdempotent(trx, idempotent, responseSchema, async () => response);
  return withStoredRefusals(ctx.db, idempotent, responseSchema, async () => {
    const first = await ctx.db.transaction().execute(async (trx) => {
      const found = await requireVisibleCampaign(trx, principal, change.campaignId, { lock: true });
      const stored = await readStoredAnswer(trx, idempotent, responseSchema);
      if (stored.kind !== "none") return { kind: "answered", response: answerOf(stored) } as const;
      const plan = await work.plan(trx, await settleEndedClaim(trx, ctx, found));
      if (plan.kind === "push") return plan;
      return { kind: "answered", response: await store(trx, work.respond(plan.row)) } as const;
    });
    if (first.kind === "answered") return first.response;

    const pushed = await pushCampaign(ctx, first.row, signal);
    const sync = {
      campaignId: change.campaignId,
      token: first.token,
      describe: (row: CampaignRow) => unrecordedPush(row, pushed),
    };
    const result = await recordOrBackOff(ctx, sync, () =>
      ctx.db.transaction().execute(async (trx) => {
        const claimed = await findCampaign(trx, change.campaignId, { lock: true });
        if (claimed?.push_token !== first.token) {
          const stored = await readStoredAnswer(trx, idempotent, responseSchema);
          if (stored.kind === "none") throw claimLost(change.campaignId);
          return { kind: "answered", response: answerOf(stored) } as const;
        }
        const recorded = await first.record(trx, claimed, pushed);
        if (recorded.kind === "refused") return recorded;
        return { kind: "answered", response: await store(trx, work.respond(recorded.row)) } as const;
      }),
    );
    // Failed for good: the campaign is FAILED and retried by the reconciler; the cause is
    // unexpected, so the caller gets INTERNAL with a trace id, never its text.
    if (result.kind === "failed") throw result.cause;
    const outcome = result.value;
    if (outcome.kind === "refused") throw outcome.error;
    return outcome.response;
  });
}

/** The platform call outlived its claim and another took the campaign over: the caller retries. */
function claimLost(campaignId: string): DomainError {
  return new DomainError(
    "unavailable",
    `the platform call for campaign ${campaignId} took longer than its claim and another took over - retry with the same idempotency key`,
  );
}
