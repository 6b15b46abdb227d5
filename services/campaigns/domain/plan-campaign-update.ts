import { DomainError } from "../../kit/errors/index.js";
import {
  type CampaignFieldName,
  differingFields,
  normalizePromoCode,
  type PlatformFieldName,
  platformFieldNames,
} from "./campaign-fields.js";
import { assertStatusChange, type CampaignStatusName } from "./campaign-status.js";

/** The fields of a campaign UpdateCampaign works on. */
export interface CampaignDraft {
  readonly name: string;
  readonly currencyCode: string;
  readonly budgetMinor: number;
  readonly startAt: Date;
  readonly endAt: Date;
  readonly status: CampaignStatusName;
  readonly promoCode: string;
}

/** The values of an UpdateCampaign request; only the fields named in `paths` are read. */
export interface CampaignUpdateInput {
  readonly paths: readonly string[];
  readonly name: string;
  readonly budget: { readonly currencyCode: string; readonly minorUnits: number } | undefined;
  readonly startAt: Date | undefined;
  readonly endAt: Date | undefined;
  readonly status: CampaignStatusName | undefined;
  readonly promoCode: string;
}

/** The campaign after an update, what changed, and what of that goes to the platform. */
export interface CampaignUpdatePlan {
  readonly next: CampaignDraft;
  /** Fields whose value changes, in contract order; empty when the update changes nothing. */
  readonly changedFields: readonly CampaignFieldName[];
  /** Changed fields the platform must hear about: none for an archived campaign or the promo code. */
  readonly pushFields: readonly PlatformFieldName[];
}

const fieldOrder: readonly CampaignFieldName[] = [...platformFieldNames, "promo_code"];

/**
 * Applies an update mask to a campaign: only the named fields change, a promo code is stored in
 * upper case, the end must stay after the start, and status changes follow
 * {@link assertStatusChange}. Fields set to their current value are not changes. An archived
 * campaign keeps every change local; the promo code is always local.
 *
 * @example
 * planCampaignUpdate(current, { paths: ["name"], name: "Summer", ... }).pushFields; // ["name"]
 */
export function planCampaignUpdate(current: CampaignDraft, input: CampaignUpdateInput): CampaignUpdatePlan {
  const paths = new Set(
    input.paths.map((path) => path.trim().replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)),
  );
  const unknown = [...paths].find((path) => !(fieldOrder as readonly string[]).includes(path));
  if (unknown !== undefined)
    throw new DomainError("invalid_argument", `update_mask names ${unknown} which cannot be changed`);
  const next: CampaignDraft = {
    name: paths.has("name") ? input.name : current.name,
    currencyCode: paths.has("budget") && input.budget ? input.budget.currencyCode : current.currencyCode,
    budgetMinor: paths.has("budget") && input.budget ? input.budget.minorUnits : current.budgetMinor,
    startAt: paths.has("start_time") && input.startAt ? input.startAt : current.startAt,
    endAt: paths.has("end_time") && input.endAt ? input.endAt : current.endAt,
    status: paths.has("status") && input.status ? input.status : current.status,
    promoCode: paths.has("promo_code") ? normalizePromoCode(input.promoCode) : current.promoCode,
  };
  assertStatusChange(current.status, next.status);
  if (next.endAt.getTime() <= next.startAt.getTime()) {
    throw new DomainError(
      "invalid_argument",
      "end_time must be after start_time - with this change the campaign would end before it starts",
    );
  }
  const platformChanges = differingFields(current, next);
  const changedFields: CampaignFieldName[] =
    next.promoCode === current.promoCode ? platformChanges : [...platformChanges, "promo_code"];
  return { next, changedFields, pushFields: current.status === "archived" ? [] : platformChanges };
}
