import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError } from "@connectrpc/connect";
import { CampaignStatus } from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
import type { Waybill } from "@waybill/sdk";
import { defaultPlatform } from "../services/campaigns/domain/index.js";

/** The brand's campaign: its promo code, or why there is none. */
export interface CampaignSetup {
  readonly promoCode?: string;
  readonly problem?: string;
}

/** The promo code of a brand's simulated campaign: `SPRING-SIM-BISTRO`. */
export function simPromoCode(brandId: string): string {
  return `SPRING-${brandId.toUpperCase()}`.slice(0, 32);
}

/**
 * Creates an ACTIVE campaign with the brand's promo code on the default ad platform (the platform
 * simulator `npm start` runs in development), once a day at most: the idempotency key names the
 * day, and a code already taken by a live campaign of the brand (ALREADY_EXISTS) is the same
 * campaign from an earlier run. A platform that refuses or cannot be reached is reported, not fatal:
 * orders then go without a code.
 */
export async function setUpCampaign(brand: Waybill, brandId: string, currencyCode: string): Promise<CampaignSetup> {
  const promoCode = simPromoCode(brandId);
  const day = new Date();
  day.setUTCHours(0, 0, 0, 0);
  const dayName = day.toISOString().slice(0, 10);
  try {
    await brand.campaigns.createCampaign({
      brandId,
      name: `Simulated spring sale of ${brandId}`,
      platform: defaultPlatform,
      budget: { currencyCode, minorUnits: 500_000n },
      startTime: timestampFromDate(day),
      endTime: timestampFromDate(new Date(day.getTime() + 365 * 86_400_000)),
      status: CampaignStatus.ACTIVE,
      promoCode,
      idempotencyKey: `simulate-campaign-${brandId}-${dayName}`,
    });
    return { promoCode };
  } catch (error) {
    if (error instanceof ConnectError && error.code === Code.AlreadyExists) return { promoCode };
    const why = ConnectError.from(error);
    return { problem: `no campaign (${Code[why.code]}: ${why.rawMessage}); orders go without a promo code` };
  }
}
