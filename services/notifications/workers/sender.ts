import { createPeriodicWorker, type Worker } from "../../kit/app/index.js";
import type { ChannelName } from "../domain/index.js";
import { type Deliver, deliverNext, type NotificationsContext } from "../operations/index.js";

/** Options of {@link createSender}. */
export interface SenderOptions {
  readonly channel: ChannelName;
  readonly deliver: Deliver;
  /** Pause between rounds when nothing is due (`NOTIFY_POLL_MS`). */
  readonly intervalMs: number;
  /** Attempts in flight at once (each uses a database connection only to claim and to record). */
  readonly lanes: number;
  /** Attempts per round; a full round is followed at once by the next. */
  readonly budget?: number;
}

/**
 * Every `intervalMs`, attempts the notifications of one channel that are due, `lanes` at a time.
 * Each attempt leases its notification in a short transaction before sending it (see
 * {@link deliverNext}), so the senders of every replica run side by side and never send one
 * notification at once; retries, and attempts whose process stopped mid-send, come due by their
 * `next_attempt_at`, whichever replica is alive.
 */
export function createSender(ctx: NotificationsContext, options: SenderOptions): Worker {
  const budget = options.budget ?? 200;

  async function round(isStopping: () => boolean): Promise<number> {
    let attempted = 0;
    const lane = async () => {
      while (attempted < budget && !isStopping()) {
        if (!(await deliverNext(ctx, options.channel, options.deliver))) return;
        attempted++;
      }
    };
    // Every lane ends before the round does, even when one of them failed.
    const failed = (await Promise.allSettled(Array.from({ length: options.lanes }, lane))).find(
      (result) => result.status === "rejected",
    );
    if (failed) throw failed.reason;
    return attempted;
  }

  return createPeriodicWorker({
    intervalMs: options.intervalMs,
    round,
    backlogAt: budget,
    logger: ctx.logger.child({ component: `${options.channel}-sender` }),
    what: `sending ${options.channel} notifications`,
  });
}
