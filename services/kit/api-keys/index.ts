/** API keys: long-lived bearer credentials of one brand, issued, listed and revoked by RPC. */
export type { AccessDatabase, ApiKeyRoleName, ApiKeysTable } from "./access-database.js";
export { accessSchema } from "./access-database.js";
export type { ApiKeyCredential } from "./api-key-credential.js";
export {
  apiKeySecretMatches,
  formatApiKeyCredential,
  hashApiKeySecret,
  newApiKeyCredential,
  parseApiKeyCredential,
} from "./api-key-credential.js";
export { createApiKeyHandlers } from "./api-key-handlers.js";
export { maxApiKeyExpiryMs } from "./api-key-rules.js";
export type { ApiKeyRow } from "./api-key-store.js";
export type { ApiKeyVerifierOptions, CachingApiKeyVerifier } from "./api-key-verifier.js";
export { createApiKeyVerifier } from "./api-key-verifier.js";
export { type ApiKeys, createApiKeys } from "./api-keys.js";
export { accessMigrations } from "./migrations/index.js";
