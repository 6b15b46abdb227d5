/** Notifications' RPCs: principals and tenancy, requests to operations, results to messages. */
export { createNotificationsHandlers } from "./notifications-handlers.js";
