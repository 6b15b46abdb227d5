/** Idempotent RPCs: a retry with the same key replays the first answer, another request under it is refused. */
export { claimKeySql, type KeyClaim } from "./claim-key-sql.js";
export { type IdempotencyTable, idempotencyTableMigration } from "./idempotency-table.js";
export { requestFingerprint } from "./request-fingerprint.js";
export type { IdempotentDatabase, IdempotentRequest } from "./run-idempotent.js";
export { runIdempotent } from "./run-idempotent.js";
