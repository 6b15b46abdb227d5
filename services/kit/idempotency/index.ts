export { idempotencyTableMigration } from "./idempotency-table.js";
export type { IdempotencyTable } from "./idempotency-table.js";
export { runIdempotent } from "./run-idempotent.js";
export type { IdempotentDatabase, IdempotentRequest } from "./run-idempotent.js";
export { requestFingerprint } from "./request-fingerprint.js";
