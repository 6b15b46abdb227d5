import { randomUUID } from "node:crypto";
import { inStoredTrace } from "../../kit/telemetry/linked-span.js";
import { type ChannelName, claimDecision } from "../domain/index.js";
import { claimDueNotification, claimFirstAttempt, type NotificationRow, updateNotification } from "../storage/index.js";
import { announceFailure } from "./notification-events.js";
import type { NotificationsContext } from "./notifications-context.js";

/** A notification claimed for one attempt: the row as claimed, and the lease that proves it is ours. */
export interface ClaimedAttempt {
  /** The notification with this attempt counted (`attempts`) and leased (`next_attempt_at`). */
  readonly row: NotificationRow;
  /** The `claim_token` the outcome must be recorded under. */
  readonly token: string;
}

/** What {@link claimNotification} found: nothing due, an attempt to make, or a notification given up. */
export type ClaimResult =
  | { readonly kind: "none" }
  | { readonly kind: "attempt"; readonly claimed: ClaimedAttempt }
  | { readonly kind: "given-up"; readonly row: NotificationRow };

/**
 * Claims the notification of `channel` due longest ago — a first attempt in one statement
 * ({@link claimFirstAttempt}), any other in one short transaction — talking to nothing but the
 * database: the attempt is counted at once (`attempts` + 1, `last_attempt_at`
 * from the clock) and the notification leased to the caller (a fresh `claim_token`, due again only
 * at the lease's end), so no sender of any replica takes it while this attempt is in flight.
 *
 * A due notification that still has a token is one whose previous attempt never recorded its
 * outcome: the process stopped, froze or lost the database between claim and record. That attempt
 * is reported as failed ("attempt n was interrupted before its outcome was recorded",
 * NotificationFailed), and the notification is attempted again, or given up (DEAD,
 * NotificationDead) when the interrupted attempt was its last.
 */
export async function claimNotification(ctx: NotificationsContext, channel: ChannelName): Promise<ClaimResult> {
  // Most claims are first attempts, decided without the row: one statement, no transaction.
  const now = ctx.now();
  const first = claimDecision({ attempts: 0, interrupted: false }, ctx.settings.retry[channel], {
    now,
    leaseMs: ctx.settings.leaseMs,
    random: ctx.random,
  });
  if (first.kind === "attempt") {
    const token = randomUUID();
    const fast = await claimFirstAttempt(ctx.db, channel, { now, token, leaseUntil: first.leaseUntil });
    if (fast.kind === "none") return { kind: "none" };
    if (fast.kind === "claimed") return { kind: "attempt", claimed: { row: fast.row, token } };
  }
  return claimInTransaction(ctx, channel);
}

/** The claim of a notification attempted before: decided from its history, in a transaction. */
async function claimInTransaction(ctx: NotificationsContext, channel: ChannelName): Promise<ClaimResult> {
  return ctx.db.transaction().execute(async (trx): Promise<ClaimResult> => {
    const now = ctx.now();
    const due = await claimDueNotification(trx, channel, now);
    if (!due) return { kind: "none" };
    const decision = claimDecision(
      { attempts: due.attempts, interrupted: due.claim_token !== null },
      ctx.settings.retry[channel],
      {
        now,
        leaseMs: ctx.settings.leaseMs,
        random: ctx.random,
      },
    );
    if (decision.kind === "give-up") {
      const dead = await updateNotification(trx, due.notification_id, {
        status: "dead",
        last_error: decision.interruptedError,
        next_attempt_at: null,
        claim_token: null,
        updated_at: now,
      });
      await inStoredTrace("notification given up", { traceparent: due.trace_parent }, () =>
        announceFailure(trx, ctx, dead),
      );
      return { kind: "given-up", row: dead };
    }
    if (decision.interruptedError !== undefined) {
      // The interrupted attempt, as it would have been recorded: failed, and due again now.
      const interrupted = {
        ...due,
        status: "retrying",
        last_error: decision.interruptedError,
        next_attempt_at: now,
        updated_at: now,
      } as const;
      await inStoredTrace("notification interrupted", { traceparent: due.trace_parent }, () =>
        announceFailure(trx, ctx, interrupted),
      );
    }
    const token = randomUUID();
    const row = await updateNotification(trx, due.notification_id, {
      ...(decision.interruptedError !== undefined ? { status: "retrying", last_error: decision.interruptedError } : {}),
      attempts: decision.attempt,
      last_attempt_at: now,
      claim_token: token,
      next_attempt_at: decision.leaseUntil,
      updated_at: now,
    });
    return { kind: "attempt", claimed: { row, token } };
  });
}
