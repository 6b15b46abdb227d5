/** Notifications' use cases, one per file, and what the service is wired from. */
export type { ActivityAnnouncements, ActivityListener } from "./activity-changes.js";
export { ordersCustomerLookup } from "./customer-directory.js";
export { deleteWebhook } from "./delete-webhook.js";
export { type Deliver, deliverNext } from "./deliver-next.js";
export { emailDeliverer, webhookDeliverer } from "./deliverers.js";
export { loadEmailTemplates, templatesDir } from "./email-templates.js";
export { getBrandContact } from "./get-brand-contact.js";
export { getNotification } from "./get-notification.js";
export { listActivity } from "./list-activity.js";
export { listNotifications, type NotificationFilters } from "./list-notifications.js";
export { listWebhooks } from "./list-webhooks.js";
export type { NotificationsContext } from "./notifications-context.js";
export { type PreparedEvent, prepareEvent } from "./prepare-event.js";
export { recordEvent, wantsEvent } from "./record-event.js";
export { redriveDeliveries } from "./redrive-deliveries.js";
export { registerWebhook } from "./register-webhook.js";
export { setBrandContact } from "./set-brand-contact.js";
export { watchActivity } from "./watch-activity.js";
