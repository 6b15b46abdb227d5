import type { Generated } from "kysely";
import type { IdempotencyTable } from "../../kit/idempotency/index.js";

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

/** The tables of the `notifications` schema, for kysely. */
export interface NotificationsDatabase {
  activity: ActivityTable;
  idempotency: IdempotencyTable;
}
