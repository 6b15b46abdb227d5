import type { Kysely, Transaction } from "kysely";
import { isTransactionConflict } from "./conflict-errors.js";

/**
 * How many times one request's transaction runs when it keeps losing conflicts (a deadlock with
 * a concurrent transaction, see {@link isTransactionConflict}) before its caller gets the error.
 */
const CONFLICT_ATTEMPTS = 3;

/** Options of {@link createGroupCommit}. */
export interface GroupCommitOptions<DB, In, Out> {
  readonly db: Kysely<DB>;
  /** Most requests one transaction takes (1 turns grouping off). */
  readonly maxBatch: number;
  /** Transactions in flight at once; requests arriving meanwhile wait and form the next batch. */
  readonly concurrency?: number;
  /**
   * Applies a batch in `trx`, in order, and returns one outcome per request. It must answer an
   * expected refusal with an outcome, not an error: a statement that fails aborts the whole
   * transaction. A thrown error rolls the batch back; its requests are then run again one per
   * transaction, so each gets its own error. A transaction that loses a conflict with a concurrent
   * one (a deadlock) is run again, up to three times, before the error reaches its request.
   */
  readonly run: (trx: Transaction<DB>, batch: readonly In[]) => Promise<readonly Out[]>;
}

/** Requests that share commits; see {@link createGroupCommit}. */
export interface GroupCommit<In, Out> {
  /** Applies `request` in the next transaction; resolves once that transaction has committed. */
  submit(request: In): Promise<Out>;
  /**
   * Counters since creation: requests, transactions, batches that fell back to one by one, and
   * transactions run again after losing a conflict.
   */
  stats(): {
    readonly requests: number;
    readonly transactions: number;
    readonly fallbacks: number;
    readonly conflictRetries: number;
  };
}

interface Waiting<In, Out> {
  readonly request: In;
  readonly resolve: (outcome: Out) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: requests that arrive while transactions are in flight are applied together in
 * the next one, each with its own outcome, so a commit (and its WAL flush, BEGIN and COMMIT) is
 * shared by many requests under load and nothing waits for company when idle. Every request is
 * still all-or-nothing: `run` decides each request's outcome inside the transaction, and a batch
 * that fails as a whole is retried request by request, so one request's failure never becomes
 * another's; a request whose own transaction loses a deadlock is run again.
 *
 * @example
 * const holds = createGroupCommit({ db, maxBatch: 32, run: (trx, batch) => holdAll(trx, batch) });
 * const outcome = await holds.submit({ orderId, lines });
 */
export function createGroupCommit<DB, In, Out>(options: GroupCommitOptions<DB, In, Out>): GroupCommit<In, Out> {
  const concurrency = options.concurrency ?? 1;
  const queue: Waiting<In, Out>[] = [];
  const counters = { requests: 0, transactions: 0, fallbacks: 0, conflictRetries: 0 };
  let inFlight = 0;

  async function runBatch(batch: readonly Waiting<In, Out>[], attempt = 1): Promise<void> {
    counters.transactions++;
    try {
      const outcomes = await options.db.transaction().execute(async (trx) => {
        const decided = await options.run(
          trx,
          batch.map((waiting) => waiting.request),
        );
        // Checked before the commit: a batch that answers wrongly must not be applied.
        if (decided.length !== batch.length)
          throw new Error(`group commit: ${decided.length} outcomes for ${batch.length} requests`);
        return decided;
      });
      for (const [i, waiting] of batch.entries()) waiting.resolve(outcomes[i] as Out);
    } catch (error) {
      const [only] = batch;
      if (only && batch.length === 1) {
        if (isTransactionConflict(error) && attempt < CONFLICT_ATTEMPTS) {
          counters.conflictRetries++;
          await runBatch(batch, attempt + 1);
        } else only.reject(error);
        return;
      }
      counters.fallbacks++;
      for (const waiting of batch) await runBatch([waiting]);
    }
  }

  function pump(): void {
    while (inFlight < concurrency && queue.length > 0) {
      const batch = queue.splice(0, Math.max(1, options.maxBatch));
      inFlight++;
      void runBatch(batch).finally(() => {
        inFlight--;
        pump();
      });
    }
  }

  return {
    submit(request) {
      counters.requests++;
      return new Promise<Out>((resolve, reject) => {
        queue.push({ request, resolve, reject });
        pump();
      });
    },
    stats: () => ({ ...counters }),
  };
}
