import { DomainError } from "../../kit/errors/index.js";
import { decodeCursor, encodeCursor } from "../../kit/pagination/index.js";
import type { CampaignSort } from "../domain/index.js";
import { type CampaignCursor, type CampaignRow, sortValue } from "../storage/index.js";

/** The page token resuming after `row` in a list sorted by `sort`, bound to `scope`. */
export function encodeCampaignCursor(row: CampaignRow, sort: CampaignSort, scope: string): string {
  const value = sortValue(row, sort);
  return encodeCursor({ value: value instanceof Date ? value.toISOString() : value, id: row.campaign_id }, scope);
}

/**
 * Reads a page token of a campaign list sorted by `sort` (`undefined` for the first page). A token
 * of another query, or one whose sort value does not parse, is INVALID_ARGUMENT.
 */
export function decodeCampaignCursor(token: string, sort: CampaignSort, scope: string): CampaignCursor | undefined {
  const decoded = decodeCursor(token, ["value", "id"], scope);
  if (!decoded) return undefined;
  const value =
    sort.key === "name" ? decoded.value : sort.key === "budget" ? Number(decoded.value) : new Date(decoded.value);
  if (
    (typeof value === "number" && !Number.isSafeInteger(value)) ||
    (value instanceof Date && Number.isNaN(value.getTime()))
  ) {
    throw new DomainError("invalid_argument", "page.page_token is not a token this list returned");
  }
  return { value, campaignId: decoded.id };
}
