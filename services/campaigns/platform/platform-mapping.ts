import type { PlatformFields } from "../domain/index.js";
import type { PlatformCampaign, PlatformCampaignPatch } from "./platform-campaign.js";

/**
 * The fields a platform campaign shares with a local one. Throws when the platform sent something
 * that is not a campaign (a reconcile reports it as a failed change).
 */
export function toPlatformFields(campaign: PlatformCampaign): PlatformFields {
  const startAt = new Date(campaign.start_time);
  const endAt = new Date(campaign.end_time);
  const amount = campaign.budget?.amount_minor;
  if (
    Number.isNaN(startAt.getTime()) ||
    Number.isNaN(endAt.getTime()) ||
    !Number.isSafeInteger(amount) ||
    !["draft", "active", "paused"].includes(campaign.status)
  ) {
    throw new Error(`platform campaign ${campaign.id} has an unreadable budget, status or time`);
  }
  return {
    name: campaign.name,
    currencyCode: campaign.budget.currency,
    budgetMinor: amount,
    startAt,
    endAt,
    status: campaign.status,
  };
}

/** The platform's editable fields of a campaign, as its API writes them. */
export function platformBody(fields: PlatformFields): Required<PlatformCampaignPatch> {
  return {
    name: fields.name,
    status: fields.status,
    budget: { currency: fields.currencyCode, amount_minor: fields.budgetMinor },
    start_time: fields.startAt.toISOString(),
    end_time: fields.endAt.toISOString(),
  };
}
