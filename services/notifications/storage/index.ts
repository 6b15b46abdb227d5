export {
  type ActivityFilter,
  type ActivityRow,
  activityAfter,
  latestActivitySequence,
  listActivity,
  type NewActivity,
  recordActivity,
} from "./activity-store.js";
export {
  claimFirstAttempt,
  type FirstAttemptClaim,
  type FirstAttemptOutcome,
  recordSent,
} from "./attempt-statements.js";
export { type BrandContactRow, findBrandContact, saveBrandContact } from "./contacts-store.js";
export { type CustomerRow, findCustomer, rememberCustomer } from "./customers-store.js";
export type {
  ActivityTable,
  BrandContactsTable,
  CustomersTable,
  NotificationsDatabase,
  NotificationsTable,
  WebhooksTable,
} from "./notifications-database.js";
export {
  abandonWebhookDeliveries,
  claimDueNotification,
  findNotification,
  insertNotifications,
  listNotifications,
  type NewNotification,
  type NotificationListQuery,
  type NotificationRow,
  type NotificationUpdate,
  type RedriveQuery,
  redriveDeadDeliveries,
  updateClaimedNotification,
  updateNotification,
} from "./notifications-store.js";
export { replaceStoredAnswer, type StoredAnswerRow, storedAnswersContaining } from "./stored-answers-store.js";
export {
  findWebhook,
  insertWebhook,
  listWebhooks,
  liveWebhooksOf,
  markWebhookDeleted,
  replaceWebhookSecret,
  type StoredSecret,
  secretsToReseal,
  type WebhookRow,
} from "./webhooks-store.js";
