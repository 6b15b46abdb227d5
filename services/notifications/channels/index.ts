/** Notifications' adapters to other systems: SMTP, the development mail folder, webhook POSTs. */
export { DeliveryFailure } from "./delivery-failure.js";
export { type HostLookup, systemLookup } from "./host-lookup.js";
export { createMailChannel } from "./mail-channel.js";
export type { MailChannel } from "./outgoing-email.js";
export { createWebhookChannel, type WebhookChannel, type WebhookChannelSettings } from "./webhook-channel.js";
export { webhookFailureCategory } from "./webhook-failures.js";
export { WebhookTargetRefused } from "./webhook-guard.js";
export type { WebhookPost } from "./webhook-poster.js";
