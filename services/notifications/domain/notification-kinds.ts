/** How a notification travels, as stored. */
export type ChannelName = "email" | "webhook";

/** The life of a notification, as stored: PENDING → SENT, or RETRYING … → SENT or DEAD. */
export type StatusName = "pending" | "retrying" | "sent" | "dead";

/** What an email says; each has a text and an HTML template in `templates/`. */
export type EmailTemplateName =
  | "welcome"
  | "order_placed"
  | "order_status_changed"
  | "order_delivered"
  | "stock_low"
  | "out_of_stock";

/** What a notification says, as stored: an email template, or a webhook's event. */
export type TemplateName = EmailTemplateName | "webhook_event";

/** Statuses a notification may still be sent from. */
export const openStatuses: readonly StatusName[] = ["pending", "retrying"];
