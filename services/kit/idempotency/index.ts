/**
 * Idempotent RPCs: a retry replays the first answer (a definitive refusal included), another
 * request under the key is refused; keys expire after `IDEMPOTENCY_RETENTION_HOURS`.
 */
export {
  type ClaimOptions,
  claimKeySql,
  claimRefusalSql,
  type KeyClaim,
  type KeyRefusalClaim,
} from "./claim-key-sql.js";
export { type DeleteExpiredKeysOptions, deleteExpiredKeys } from "./delete-expired-keys.js";
export {
  type IdempotencyTable,
  idempotencyRefusalsMigration,
  idempotencyRetentionMigration,
  idempotencyTableMigration,
} from "./idempotency-table.js";
export { idempotentTransaction } from "./idempotent-transaction.js";
export { answerOf, keyReused, readStoredAnswer, type StoredAnswer } from "./read-stored-answer.js";
export { requestFingerprint } from "./request-fingerprint.js";
export type { IdempotentDatabase, IdempotentRequest } from "./run-idempotent.js";
export { runIdempotent } from "./run-idempotent.js";
export {
  isDefinitiveRefusal,
  isStoredAnswer,
  refusalCode,
  refusalError,
  type StoredRefusal,
  toStoredRefusal,
} from "./stored-refusal.js";
export { withStoredRefusals } from "./with-stored-refusals.js";
