import type { CampaignStatusName, PlatformStatusName } from "./campaign-status.js";

/** What a campaign and its copy on an ad platform share. */
export interface PlatformFields {
  readonly name: string;
  readonly currencyCode: string;
  readonly budgetMinor: number;
  readonly startAt: Date;
  readonly endAt: Date;
  readonly status: PlatformStatusName;
}

/** The fields a campaign shares with its platform copy, as the contract names them. */
export const platformFieldNames = ["name", "budget", "start_time", "end_time", "status"] as const;

/** One of {@link platformFieldNames}. */
export type PlatformFieldName = (typeof platformFieldNames)[number];

/** Every field UpdateCampaign may change: the platform's fields and the local promo code. */
export type CampaignFieldName = PlatformFieldName | "promo_code";

/** The shared fields of a campaign whatever its status (an archived one's included). */
export type SharedFields = Omit<PlatformFields, "status"> & { readonly status: CampaignStatusName };

/**
 * The shared fields in which `a` and `b` differ, in contract order (the budget differs when its
 * amount or its currency does).
 *
 * @example
 * differingFields(local, { ...local, name: "Spring" }); // ["name"]
 */
export function differingFields(a: SharedFields, b: SharedFields): PlatformFieldName[] {
  const differs: Readonly<Record<PlatformFieldName, boolean>> = {
    name: a.name !== b.name,
    budget: a.budgetMinor !== b.budgetMinor || a.currencyCode !== b.currencyCode,
    start_time: a.startAt.getTime() !== b.startAt.getTime(),
    end_time: a.endAt.getTime() !== b.endAt.getTime(),
    status: a.status !== b.status,
  };
  return platformFieldNames.filter((field) => differs[field]);
}

/**
 * A promo code as stored and compared: trimmed and in upper case (Orders stores the code an order
 * was placed with the same way).
 */
export function normalizePromoCode(code: string): string {
  return code.trim().toUpperCase();
}
