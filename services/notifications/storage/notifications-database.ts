import type { ColumnType, Generated } from "kysely";
import type { OutboxTable } from "../../kit/events/index.js";
import type { IdempotencyTable } from "../../kit/idempotency/index.js";
import type { ChannelName, StatusName, TemplateName } from "../domain/index.js";

/** `notifications.activity`: the activity feed, one row per recorded event. */
export interface ActivityTable {
  readonly sequence: Generated<number>;
  readonly event_id: string;
  readonly event_type: string;
  readonly aggregate_id: string;
  readonly brand_id: string;
  readonly customer_id: string;
  readonly order_id: string;
  readonly summary: string;
  readonly event_time: Date;
  readonly recorded_at: Generated<Date>;
}

/** `notifications.notifications`: one email or webhook delivery, with its attempts. */
export interface NotificationsTable {
  readonly notification_id: string;
  readonly event_id: string;
  readonly event_type: string;
  readonly channel: ChannelName;
  /** Lower-case email address, or the webhook's URL. */
  readonly recipient: string;
  readonly brand_id: string;
  readonly customer_id: string;
  readonly webhook_id: string | null;
  readonly template: TemplateName;
  readonly subject: ColumnType<string, string | undefined, string>;
  /** The email's text part, or the webhook's JSON body. */
  readonly body: string;
  readonly html: ColumnType<string, string | undefined, string>;
  readonly status: StatusName;
  readonly attempts: ColumnType<number, number | undefined, number>;
  readonly last_error: ColumnType<string, string | undefined, string>;
  /**
   * When the next attempt is due; null once SENT or DEAD. While an attempt is in flight, the end
   * of its lease: when the notification is due again if that attempt never records its outcome.
   */
  readonly next_attempt_at: Date | null;
  /** The lease of the attempt in flight (its sender's proof); null when none is. */
  readonly claim_token: ColumnType<string | null, string | null | undefined, string | null>;
  /** When the last attempt began; null before the first. */
  readonly last_attempt_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  readonly sent_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** The `traceparent` of the event's processing that planned it: every send continues that trace. */
  readonly trace_parent: ColumnType<string | null, string | null | undefined, string | null>;
  readonly created_at: Date;
  readonly updated_at: Date;
}

/** `notifications.webhooks`: a brand's endpoints; deleted ones stay for the history. */
export interface WebhooksTable {
  readonly webhook_id: string;
  readonly brand_id: string;
  readonly url: string;
  readonly event_types: ColumnType<string[], readonly string[], readonly string[]>;
  readonly description: string;
  /**
   * The signing secret sealed with a `WEBHOOK_SECRET_KEY` (see `sealSecret`); plain in rows of an
   * older Waybill until its start re-seals them; null once the webhook is deleted.
   */
  readonly secret: ColumnType<string | null, string, string | null>;
  readonly created_at: Date;
  readonly deleted_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** `notifications.brand_contacts`: where a brand's emails go. */
export interface BrandContactsTable {
  readonly brand_id: string;
  readonly email: string;
  readonly name: string;
  readonly updated_at: Date;
}

/** `notifications.customers`: customers' names and addresses, from Orders' events. */
export interface CustomersTable {
  readonly customer_id: string;
  readonly name: string;
  readonly email: string;
  /** Time of the event the row comes from; older events never overwrite it. */
  readonly as_of: Date;
}

/** The tables of the `notifications` schema, for kysely. */
export interface NotificationsDatabase {
  activity: ActivityTable;
  notifications: NotificationsTable;
  webhooks: WebhooksTable;
  brand_contacts: BrandContactsTable;
  customers: CustomersTable;
  idempotency: IdempotencyTable;
  outbox: OutboxTable;
}
