/** Notifications' adapters to other systems: SMTP, the development mail folder, webhook POSTs. */
export { DeliveryFailure } from "./delivery-failure.js";
export { createMailChannel } from "./mail-channel.js";
export type { MailChannel } from "./outgoing-email.js";
export { postWebhook } from "./webhook-poster.js";
