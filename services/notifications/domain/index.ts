export { inActivityScope, encodeActivityNote, decodeActivityNote, type ActivityNote, type ActivityScope } from "./activity-scope.js";
export { emailFor, emailRecipients, tooOldToEmail, type EmailAudience, type EmailIntent, type RecipientFacts } from "./email-rules.js";
export { addressLine, describeStatus, formatMoney, orderRef } from "./email-views.js";
export { openStatuses, type ChannelName, type EmailTemplateName, type StatusName, type TemplateName } from "./notification-kinds.js";
export { afterFailure, backoffMs, maxRetryDelayMs, type AfterFailure, type RetryPolicy } from "./retry-schedule.js";
export { summarizeEvent, type ActivitySummary } from "./summarize-event.js";
export { webhookWants, type WebhookEventFacts, type WebhookSubscription } from "./webhook-filter.js";
export { newWebhookSecret, signWebhookBody, webhookRequestHeaders } from "./webhook-signature.js";
