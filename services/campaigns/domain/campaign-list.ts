import type { CampaignStatusName } from "./campaign-status.js";

/** What a list of campaigns can be sorted by; every order ends with the campaign id to be total. */
export type CampaignSortKey = "name" | "created" | "budget" | "start";

/** The direction a request asks for: the stored names of `waybill.common.v1.SortDirection`. */
export type SortDirectionName = "ascending" | "descending";

/** A sort of a campaign list. */
export interface CampaignSort {
  readonly key: CampaignSortKey;
  readonly descending: boolean;
}

/** Filters of a campaign list, as they bind a page token. */
export interface CampaignListFilter {
  /** One brand, or every brand (operators only). */
  readonly brandId: string | undefined;
  /** Text the name contains, case-insensitively; empty for any. */
  readonly query: string;
  /** Statuses to keep; empty for every status. */
  readonly statuses: readonly CampaignStatusName[];
  /** One platform, or empty for every platform. */
  readonly platform: string;
}

/**
 * The sort of a request: `direction` when given, else ascending by name and descending (newest,
 * largest, latest first) by the other keys.
 *
 * @example
 * campaignSort("budget", undefined); // { key: "budget", descending: true }
 */
export function campaignSort(key: CampaignSortKey, direction: SortDirectionName | undefined): CampaignSort {
  return { key, descending: direction ? direction === "descending" : key !== "name" };
}

/**
 * The text a page token of a campaign list is bound to: the same filters and sort give the same
 * scope, so a token is refused for any other query instead of returning a wrong page. Statuses
 * count as a set.
 */
export function campaignListScope(filter: CampaignListFilter, sort: CampaignSort): string {
  return JSON.stringify([
    "campaigns",
    filter.brandId ?? "*",
    filter.query,
    [...filter.statuses].sort(),
    filter.platform,
    sort.key,
    sort.descending,
  ]);
}
