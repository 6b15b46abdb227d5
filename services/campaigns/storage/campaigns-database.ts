import type { ColumnType } from "kysely";
import type { OutboxTable } from "../../kit/events/index.js";
import type { IdempotencyTable } from "../../kit/idempotency/index.js";
import type { CampaignStatusName, SyncStateName } from "../domain/index.js";

/** `campaigns.campaigns`: every campaign of every brand, with how it stands with its platform. */
export interface CampaignsTable {
  readonly campaign_id: string;
  readonly brand_id: string;
  readonly name: string;
  readonly platform: string;
  readonly currency_code: string;
  readonly budget_minor: number;
  readonly start_at: Date;
  readonly end_at: Date;
  readonly status: CampaignStatusName;
  /** Upper case; empty for none. Unique among the brand's campaigns that are not archived. */
  readonly promo_code: string;
  readonly platform_campaign_id: string;
  readonly sync_state: SyncStateName;
  readonly last_sync_error: string;
  readonly last_sync_at: Date | null;
  readonly created_at: Date;
  readonly updated_at: Date;
  readonly archived_at: Date | null;
  /** The claim of the platform call in flight for this campaign, if any (see `push-claim.ts`). */
  readonly push_token: string | null;
  /** When that claim's lease ends; nobody else calls the platform for the campaign before. */
  readonly push_until: Date | null;
  /** The event the change being pushed owes, published when its outcome is recorded. */
  readonly push_event: PushEventName | null;
  /** The changed fields that event names. */
  readonly push_fields: ColumnType<readonly string[], readonly string[] | undefined, readonly string[]>;
  /** Who made the change being pushed (or the create), for its event. */
  readonly push_actor: ColumnType<string, string | undefined, string>;
  /** The fingerprint of the CreateCampaign request that stored the campaign; empty for an import. */
  readonly create_request_hash: ColumnType<string, string | undefined, string>;
  /**
   * Tries of a sync that failed for good on Waybill's side: removals from the platform of a create
   * that was undone (see `undo-create.ts`), or recordings of a change the platform took that could
   * not be stored (see `record-or-back-off.ts`). 0 when none failed.
   */
  readonly sync_attempts: ColumnType<number, number | undefined, number>;
  /** When the reconciler may try that sync again; null when none is due (or it gave up). */
  readonly retry_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** The events a claimed push owes: CampaignCreated, CampaignUpdated or CampaignArchived. */
export type PushEventName = "created" | "updated" | "archived";

/** `campaigns.reconcile_lease`: the one reconcile running, on whichever replica holds the lease. */
export interface ReconcileLeaseTable {
  readonly name: string;
  readonly holder: string;
  readonly held_until: Date;
}

/** `campaigns.campaign_stats`: what the orders placed with a campaign's code add up to. */
export interface CampaignStatsTable {
  readonly campaign_id: string;
  readonly brand_id: string;
  /** The one currency revenue is counted in. */
  readonly currency_code: string;
  readonly orders: number;
  readonly units: number;
  readonly revenue_minor: number;
  readonly cancelled_orders: number;
  readonly updated_at: Date;
}

/** `campaigns.order_attributions`: what each attributed order added, so its cancellation takes exactly that back. */
export interface OrderAttributionsTable {
  readonly order_id: string;
  readonly campaign_id: string;
  readonly brand_id: string;
  readonly placed: boolean;
  readonly cancelled: boolean;
  readonly units: number;
  readonly revenue_minor: number;
  readonly returned_units: number;
  readonly returned_minor: number;
  readonly created_at: Date;
  readonly updated_at: Date;
}

/** The tables of the `campaigns` schema. */
export interface CampaignsDatabase {
  campaigns: CampaignsTable;
  campaign_stats: CampaignStatsTable;
  order_attributions: OrderAttributionsTable;
  reconcile_lease: ReconcileLeaseTable;
  idempotency: IdempotencyTable;
  outbox: OutboxTable;
}
