import { NotificationStatus } from "@waybill/sdk/notifications";
import type { BadgeTone } from "../../ui/index.js";

/** A badge's words and tone. */
export interface BadgeLook {
  readonly label: string;
  readonly tone: BadgeTone;
}

/** The badge of a delivery's status: dead is the one to act on (redrive), retrying a warning. */
export function deliveryBadge(status: NotificationStatus): BadgeLook {
  switch (status) {
    case NotificationStatus.PENDING:
      return { label: "Pending", tone: "info" };
    case NotificationStatus.RETRYING:
      return { label: "Retrying", tone: "warning" };
    case NotificationStatus.SENT:
      return { label: "Delivered", tone: "good" };
    case NotificationStatus.DEAD:
      return { label: "Dead", tone: "danger" };
    default:
      return { label: "Unknown", tone: "neutral" };
  }
}

/** The statuses the deliveries list filters by, in the order of a delivery's life. */
export const deliveryStatuses: readonly NotificationStatus[] = [
  NotificationStatus.PENDING,
  NotificationStatus.RETRYING,
  NotificationStatus.SENT,
  NotificationStatus.DEAD,
];

/** Whether a delivery is still moving (a later read may differ): pending or retrying. */
export function isUnsettled(status: NotificationStatus): boolean {
  return status === NotificationStatus.PENDING || status === NotificationStatus.RETRYING;
}

/**
 * How often the deliveries list is read again while one on screen is still moving. Notifications
 * has no stream of delivery changes (WatchActivity carries the events, not their deliveries), so
 * the list is re-read, and only while something can change.
 */
export const unsettledRefreshMs = 1_500;
