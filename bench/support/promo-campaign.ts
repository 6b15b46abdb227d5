import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { CampaignStatus } from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
import type { Waybill } from "@waybill/sdk";
import { defaultPlatform } from "../../services/campaigns/domain/index.js";

/** The promo code some bench orders carry, so Campaigns' attribution has work and can be checked. */
export const benchPromoCode = "BENCH";

/**
 * Creates an active campaign of `brandId` with {@link benchPromoCode}, running from a day ago for
 * a month, on the platform simulator Waybill runs in process when `PLATFORM_URL` is unset.
 */
export async function createPromoCampaign(admin: Waybill, brandId: string): Promise<void> {
  const day = 86_400_000;
  await admin.campaigns.createCampaign({
    brandId,
    name: "Bench promo",
    platform: defaultPlatform,
    budget: { currencyCode: "EUR", minorUnits: 100_000_00n },
    startTime: timestampFromDate(new Date(Date.now() - day)),
    endTime: timestampFromDate(new Date(Date.now() + 30 * day)),
    status: CampaignStatus.ACTIVE,
    promoCode: benchPromoCode,
    idempotencyKey: "bench-promo-campaign",
  });
}
