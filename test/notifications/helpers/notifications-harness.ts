import type {
  ListNotificationsRequest,
  Notification,
} from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import type { ServiceDefinition } from "../../../services/kit/app/index.js";
import { notificationsService } from "../../../services/notifications/index.js";
import { type OrdersHarness, startOrdersHarness, waitFor } from "../../orders/orders-harness.js";
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
};

/**
 * Reads every page of a list: `read` fetches the page of a token and returns its items and the
 * next token ("" on the last page).
 */
export async function allPages<T>(
  read: (pageToken: string) => Promise<readonly [items: readonly T[], next: string | undefined]>,
): Promise<T[]> {
  const all: T[] = [];
  let pageToken = "";
  do {
    const [items, next] = await read(pageToken);
    all.push(...items);
    pageToken = next ?? "";
  } while (pageToken);
  return all;
}

/** Filters of ListNotifications. */
export type NotificationFilter = Partial<
  Pick<
    ListNotificationsRequest,
    "brandId" | "customerId" | "channel" | "recipient" | "template" | "statuses" | "webhookId"
  >
>;

/** Inventory, Orders and Notifications (and more) with a real SMTP server and webhook receiver. */
export interface NotificationsHarness {
  readonly h: OrdersHarness;
  readonly smtp: SmtpSink;
  readonly receiver: WebhookReceiver;
  /** Every notification matching `filter` (all pages), as admin, newest first. */
  notifications(filter?: NotificationFilter): Promise<Notification[]>;
  /** Polls {@link notifications} until `done` holds (15 s at most) and returns the last list. */
  waitNotifications(filter: NotificationFilter, done: (list: Notification[]) => boolean): Promise<Notification[]>;
  stop(): Promise<void>;
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
  const h = await startOrdersHarness({ with: [notificationsService, ...(options.with ?? [])], env });
  const notifications: NotificationsHarness["notifications"] = (filter = {}) =>
    allPages(async (pageToken) => {
      const page = await h.admin.notifications.listNotifications({ ...filter, page: { pageSize: 500, pageToken } });
      return [page.notifications, page.page?.nextPageToken];
    });
  return {
    h,
    smtp,
    receiver,
    notifications,
    waitNotifications: (filter, done) => waitFor(() => notifications(filter), done),
    async stop() {
      try {
        await h.stop();
      } finally {
        await Promise.all([smtp.close(), receiver.close()]);
      }
    },
  };
}
