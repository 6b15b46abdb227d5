/** Mappers between Notifications' contract messages and its rows and stored names. */
export { toActivityEntry } from "./activity-entry-message.js";
export { toBrandContact } from "./brand-contact-message.js";
export { toNotification } from "./notification-message.js";
export { channelFromProto, statusFromProto, templateFromProto } from "./notification-names.js";
export { toWebhook } from "./webhook-message.js";
