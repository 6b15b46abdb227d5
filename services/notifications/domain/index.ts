export { type ActivityNote, activityChannel, decodeActivityNote, encodeActivityNote } from "./activity-note.js";
export { type ActivityScope, inActivityScope } from "./activity-scope.js";
export { type ClaimDecision, claimDecision, type DueAttempts, interruptedAttemptError } from "./attempt-claim.js";
export {
  type EmailAudience,
  type EmailIntent,
  emailFor,
  emailRecipients,
  type RecipientFacts,
  tooOldToEmail,
} from "./email-rules.js";
export { addressLine, describeStatus, formatMoney, orderRef } from "./email-views.js";
export {
  type ChannelName,
  type EmailTemplateName,
  openStatuses,
  type StatusName,
  type TemplateName,
} from "./notification-kinds.js";
export { type AfterFailure, afterFailure, backoffMs, maxRetryDelayMs, type RetryPolicy } from "./retry-schedule.js";
export { currentKeyPrefix, openSecret, sealSecret } from "./secret-box.js";
export {
  derivedKeyId,
  derivedSecretKeys,
  parseSecretKeys,
  type SecretKey,
  type SecretKeyRing,
} from "./secret-keys.js";
export { type ActivitySummary, summarizeEvent } from "./summarize-event.js";
export { isIpAddress, nonPublicRange } from "./webhook-address.js";
export { allowedTarget, parseAllowList, type WebhookAllowList, type WebhookTarget } from "./webhook-allow-list.js";
export { statusFailure, type WebhookFailureCategory } from "./webhook-failure-category.js";
export { type WebhookEventFacts, type WebhookSubscription, webhookWants } from "./webhook-filter.js";
export { newWebhookSecret, signWebhookBody, webhookRequestHeaders } from "./webhook-signature.js";
export { refusedAddress, type WebhookEndpoint, webhookEndpoint } from "./webhook-target-rules.js";
