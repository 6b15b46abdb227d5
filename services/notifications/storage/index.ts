export type { ActivityTable, BrandContactsTable, CustomersTable, NotificationsDatabase, NotificationsTable, WebhooksTable } from "./notifications-database.js";
export {
  activityAfter,
  activityChannel,
  latestActivitySequence,
  listActivity,
  recordActivity,
  type ActivityFilter,
  type ActivityRow,
  type NewActivity,
} from "./activity-store.js";
export {
  abandonWebhookDeliveries,
  claimDueNotification,
  findNotification,
  insertNotifications,
  listNotifications,
  redriveDeadDeliveries,
  updateNotification,
  type NewNotification,
  type NotificationListQuery,
  type NotificationRow,
  type NotificationUpdate,
  type RedriveQuery,
} from "./notifications-store.js";
export { findWebhook, insertWebhook, listWebhooks, liveWebhooksOf, markWebhookDeleted, type WebhookRow } from "./webhooks-store.js";
export { findBrandContact, saveBrandContact, type BrandContactRow } from "./contacts-store.js";
export { findCustomer, rememberCustomer, type CustomerRow } from "./customers-store.js";
