/**
 * SQLSTATE codes of a transaction that PostgreSQL rolled back because of what concurrent
 * transactions did, not because of what it asked: 40P01 deadlock detected (it closed a lock
 * cycle and was chosen to yield), 40001 serialization failure, 55P03 lock not available (a
 * `lock_timeout` or `NOWAIT` gave up). Nothing of the transaction was applied, so running it
 * again is safe and usually succeeds.
 */
const CONFLICT_SQLSTATES = new Set(["40P01", "40001", "55P03"]);

/**
 * True when an error from `pg` means the transaction lost a conflict with concurrent ones and was
 * rolled back (see {@link CONFLICT_SQLSTATES}). Such work is retried: by the code that owns the
 * transaction where it can, otherwise by the caller, to whom RPCs answer it as `UNAVAILABLE`.
 *
 * @example
 * isTransactionConflict(Object.assign(new Error("deadlock detected"), { code: "40P01" })); // true
 * isTransactionConflict(Object.assign(new Error("duplicate key"), { code: "23505" })); // false
 */
export function isTransactionConflict(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && CONFLICT_SQLSTATES.has(code);
}
