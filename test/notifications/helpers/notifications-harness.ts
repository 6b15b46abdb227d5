import { AssignmentStatus, CourierAvailability, CourierKind } from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import {
  type ListNotificationsRequest,
  type Notification,
  NotificationStatus,
} from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import { OrderStatus } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import type { ServiceDefinition } from "../../../services/kit/app/index.js";
import { notificationsService } from "../../../services/notifications/index.js";
import { type OrdersHarness, startOrdersHarness } from "../../orders/orders-harness.js";
import { allPages, eventsSettled, waitFor, waitUntil } from "../../support/index.js";
import { type SmtpSink, startSmtpSink } from "./smtp-sink.js";
import { startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver.js";

/** The operator's address in these tests. */
export const adminEmail = "ops@waybill.test";

/** Quick polling and retries, few attempts: what every Notifications test runs with. */
export const fastNotifications: Readonly<Record<string, string>> = {
  ADMIN_EMAIL: adminEmail,
  NOTIFY_POLL_MS: "20",
  NOTIFY_RETRY_BASE_MS: "100",
  EMAIL_MAX_ATTEMPTS: "3",
  WEBHOOK_MAX_ATTEMPTS: "3",
  WEBHOOK_TIMEOUT_MS: "1000",
  EMAIL_TIMEOUT_MS: "5000",
  NOTIFY_LEASE_MS: "6000",
};

/** Filters of ListNotifications. */
export type NotificationFilter = Partial<
  Pick<
    ListNotificationsRequest,
    "brandId" | "customerId" | "channel" | "recipient" | "template" | "statuses" | "webhookId"
  >
>;

/** A notification no sender will touch again. */
const final = (item: Notification) =>
  item.status === NotificationStatus.SENT || item.status === NotificationStatus.DEAD;

/**
 * Inventory, Orders, Notifications (and `with`) with a real SMTP server and webhook receiver:
 * everything of an {@link OrdersHarness}, and the notifications side.
 */
export interface NotificationsHarness extends OrdersHarness {
  readonly smtp: SmtpSink;
  readonly receiver: WebhookReceiver;
  /** Every notification matching `filter` (all pages), as admin, newest first. */
  notifications(filter?: NotificationFilter): Promise<Notification[]>;
  /** Polls {@link notifications} until `done` holds (15 s at most) and returns the last list. */
  waitNotifications(filter: NotificationFilter, done: (list: Notification[]) => boolean): Promise<Notification[]>;
  /**
   * Every notification matching `filter` once nothing more can come: every event so far has been
   * handled (so every notification it calls for exists) and each of them is SENT or DEAD.
   */
  settledNotifications(filter?: NotificationFilter): Promise<Notification[]>;
  /** Registers an online rider (2 orders at a time) in `zone` and returns its courier id. Needs Fleet. */
  rider(zone: string): Promise<string>;
  /**
   * Moves an order of `brandId` through the kitchen to READY_FOR_DISPATCH, waits for Fleet to
   * assign it, and has the rider pick it up and deliver it to Ada. Needs Fleet.
   */
  deliverByRider(orderId: string, brandId: string): Promise<void>;
}

/**
 * Starts Waybill with Inventory, Orders, Notifications and `with`, on its own database and
 * prefix, emailing the in-process SMTP server (unless `env` says otherwise).
 */
export async function startNotificationsHarness(
  options: {
    readonly env?: Readonly<Record<string, string>>;
    readonly with?: readonly ServiceDefinition[];
    readonly smtp?: boolean;
  } = {},
): Promise<NotificationsHarness> {
  const smtp = await startSmtpSink();
  const receiver = await startWebhookReceiver();
  const env = { ...fastNotifications, ...(options.smtp === false ? {} : { SMTP_URL: smtp.url }), ...options.env };
  const orders = await startOrdersHarness({ with: [notificationsService, ...(options.with ?? [])], env });
  const { admin } = orders;
  const notifications: NotificationsHarness["notifications"] = (filter = {}) =>
    allPages(async (pageToken) => {
      const page = await admin.notifications.listNotifications({ ...filter, page: { pageSize: 500, pageToken } });
      return [page.notifications, page.page?.nextPageToken];
    });
  let riders = 0;
  return {
    ...orders,
    smtp,
    receiver,
    notifications,
    waitNotifications: (filter, done) => waitFor(() => notifications(filter), done),
    async settledNotifications(filter = {}) {
      await eventsSettled(orders.env);
      return waitFor(
        () => notifications(filter),
        (list) => list.every(final),
      );
    },
    async rider(zone) {
      const n = ++riders;
      const { courier } = await admin.fleet.registerCourier({
        kind: CourierKind.RIDER,
        name: `Rider ${n}`,
        zone,
        capacity: 2,
        availability: CourierAvailability.ONLINE,
        idempotencyKey: `rider-${n}-${zone}`,
      });
      return courier!.courierId;
    },
    async deliverByRider(orderId, brandId) {
      const kitchen = await orders.brand(brandId);
      for (const status of [OrderStatus.PREPARING, OrderStatus.READY_FOR_DISPATCH]) {
        await kitchen.orders.updateOrderStatus({ orderId, status, idempotencyKey: `move-${orderId}-${status}` });
      }
      const { assignment } = await waitUntil(
        () => admin.fleet.getAssignment({ orderId }),
        (r) => r.assignment?.status === AssignmentStatus.ASSIGNED,
        `Fleet to assign order ${orderId}`,
      );
      const rider = await orders.asCourier(assignment!.courierId);
      await rider.fleet.reportPickup({ orderId, idempotencyKey: `pickup-${orderId}` });
      await rider.fleet.reportDelivery({ orderId, receivedBy: "Ada", idempotencyKey: `delivery-${orderId}` });
    },
    async stop() {
      try {
        await orders.stop();
      } finally {
        await Promise.all([smtp.close(), receiver.close()]);
      }
    },
  };
}
