import { NotificationService } from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import { createEventRegistry, type ServiceDefinition } from "../kit/app/index.js";
import { createActivityConsumer } from "./events/activity-consumer.js";
import { createNotificationHandlers } from "./handlers/notification-handlers.js";
import { notificationsMigrations } from "./migrations/index.js";

/** Notifications: the activity feed (and, later, emails and webhooks) fed by every domain's events. */
export const notificationsService: ServiceDefinition = {
  name: "notifications",
  descriptor: NotificationService,
  migrations: notificationsMigrations,
  create({ db, js, jsm, config, logger }) {
    const deps = { db, js, jsm, registry: createEventRegistry(), prefix: config.eventPrefix, logger };
    return {
      implementation: createNotificationHandlers({ db }),
      workers: [createActivityConsumer("inventory", deps)],
    };
  },
};
