export type { IdempotencyTable } from "./idempotency-table.js";
export { idempotencyTableMigration } from "./idempotency-table.js";
export { requestFingerprint } from "./request-fingerprint.js";
export type { IdempotentDatabase, IdempotentRequest } from "./run-idempotent.js";
export { runIdempotent } from "./run-idempotent.js";
