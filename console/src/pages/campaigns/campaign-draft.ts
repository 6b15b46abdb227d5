import { type Timestamp, timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import { type Campaign, CampaignStatus } from "@waybill/sdk/campaigns";
import { budgetText, parseBudget } from "./budget.js";

/** A campaign as its form holds it: the text of each input. */
export interface CampaignDraft {
  readonly name: string;
  readonly platform: string;
  readonly budget: string;
  readonly currency: string;
  /** `datetime-local` values, in the browser's time zone. */
  readonly start: string;
  readonly end: string;
  readonly status: CampaignStatus;
  readonly promoCode: string;
}

/** A time as a `datetime-local` input shows it (local time, to the minute). */
export function localInputOf(time: Timestamp | undefined): string {
  if (!time) return "";
  const date = timestampDate(time);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A `datetime-local` value as a timestamp; `undefined` when empty or not a time. */
export function timestampOfLocal(text: string): Timestamp | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(text)) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : timestampFromDate(date);
}

/** The draft of an existing campaign, or of a new one (a month from tomorrow, as a draft). */
export function draftOf(campaign: Campaign | undefined, now: Date = new Date()): CampaignDraft {
  if (campaign) {
    return {
      name: campaign.name,
      platform: campaign.platform,
      budget: budgetText(campaign.budget),
      currency: campaign.budget?.currencyCode ?? "EUR",
      start: localInputOf(campaign.startTime),
      end: localInputOf(campaign.endTime),
      status: campaign.status,
      promoCode: campaign.promoCode,
    };
  }
  // Tomorrow at midnight where the browser is (not in UTC), ending 30 days later at midnight too.
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  const end = new Date(start.getFullYear(), start.getMonth(), start.getDate() + 30);
  return {
    name: "",
    platform: "megaphone",
    budget: "",
    currency: "EUR",
    start: localInputOf(timestampFromDate(start)),
    end: localInputOf(timestampFromDate(end)),
    status: CampaignStatus.DRAFT,
    promoCode: "",
  };
}

/** The fields of UpdateCampaign's mask, as the service names them. */
export type CampaignPath = "name" | "budget" | "start_time" | "end_time" | "status" | "promo_code";

/**
 * The update mask of an edit: the paths whose value differs from the campaign's, compared as the
 * service would store them (a budget by amount and currency, a promo code in upper case), so an
 * untouched field is never sent and cannot overwrite a change made meanwhile elsewhere.
 */
export function updatePaths(before: CampaignDraft, after: CampaignDraft): CampaignPath[] {
  const paths: CampaignPath[] = [];
  if (after.name.trim() !== before.name.trim()) paths.push("name");
  const budgetBefore = parseBudget(before.budget, before.currency);
  const budgetAfter = parseBudget(after.budget, after.currency);
  if (
    budgetAfter === undefined ||
    budgetBefore?.minorUnits !== budgetAfter.minorUnits ||
    budgetBefore.currencyCode !== budgetAfter.currencyCode
  )
    paths.push("budget");
  if (after.start !== before.start) paths.push("start_time");
  if (after.end !== before.end) paths.push("end_time");
  if (after.status !== before.status) paths.push("status");
  if (after.promoCode.trim().toUpperCase() !== before.promoCode.trim().toUpperCase()) paths.push("promo_code");
  return paths;
}

/** The fields of an update, by the mask path that names each. */
export interface CampaignUpdateValues {
  readonly name: string;
  readonly budget: unknown;
  readonly startTime: unknown;
  readonly endTime: unknown;
  readonly status: number;
  readonly promoCode: string;
}

/**
 * Only the fields the mask names: an unchanged field is left out of the request, so its rules
 * (an archived campaign's status, a value an ad platform set) never refuse an edit of another.
 *
 * @example
 * maskedValues({ name: "Spring", ... }, ["name"]) // { name: "Spring" }
 */
export function maskedValues<T extends CampaignUpdateValues>(values: T, paths: readonly CampaignPath[]): Partial<T> {
  const byPath: Readonly<Record<CampaignPath, keyof CampaignUpdateValues>> = {
    name: "name",
    budget: "budget",
    start_time: "startTime",
    end_time: "endTime",
    status: "status",
    promo_code: "promoCode",
  };
  return Object.fromEntries(paths.map((path) => [byPath[path], values[byPath[path]]])) as Partial<T>;
}
