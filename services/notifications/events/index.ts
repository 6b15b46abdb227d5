/** Notifications' durable consumers and the live announcements of activity entries. */
export { createActivityFeed } from "./activity-feed.js";
export { createNotificationsConsumer } from "./notifications-consumer.js";
