import { create } from "@bufbuild/protobuf";
import {
  type Campaign,
  CampaignSchema,
  type CampaignStats,
  CampaignStatsSchema,
} from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
import { optionalTimestamp } from "../../kit/wire/index.js";
import type { CampaignRow, StatsRow } from "../storage/index.js";
import { campaignStatusValues, syncStateValues } from "./campaign-status-values.js";

/** A campaign row as the contract's Campaign. */
export function toCampaign(row: CampaignRow): Campaign {
  return create(CampaignSchema, {
    campaignId: row.campaign_id,
    brandId: row.brand_id,
    name: row.name,
    platform: row.platform,
    budget: { currencyCode: row.currency_code, minorUnits: BigInt(row.budget_minor) },
    startTime: optionalTimestamp(row.start_at),
    endTime: optionalTimestamp(row.end_at),
    status: campaignStatusValues[row.status],
    promoCode: row.promo_code,
    platformCampaignId: row.platform_campaign_id,
    syncState: syncStateValues[row.sync_state],
    lastSyncError: row.last_sync_error,
    lastSyncTime: optionalTimestamp(row.last_sync_at),
    createTime: optionalTimestamp(row.created_at),
    updateTime: optionalTimestamp(row.updated_at),
    archiveTime: optionalTimestamp(row.archived_at),
  });
}

/** A campaign's stats as the contract's CampaignStats (zero when no order has used its code). */
export function toCampaignStats(campaign: CampaignRow, stats: StatsRow | undefined): CampaignStats {
  return create(CampaignStatsSchema, {
    campaignId: campaign.campaign_id,
    brandId: campaign.brand_id,
    promoCode: campaign.promo_code,
    orders: BigInt(stats?.orders ?? 0),
    units: BigInt(stats?.units ?? 0),
    revenue: {
      currencyCode: stats?.currency_code ?? campaign.currency_code,
      minorUnits: BigInt(stats?.revenue_minor ?? 0),
    },
    cancelledOrders: BigInt(stats?.cancelled_orders ?? 0),
    updateTime: optionalTimestamp(stats?.updated_at ?? campaign.created_at),
  });
}
