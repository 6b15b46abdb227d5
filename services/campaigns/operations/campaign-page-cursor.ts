import { type CursorField, cursorFields, sortCursor } from "../../kit/pagination/index.js";
import type { CampaignSort } from "../domain/index.js";
import type { CampaignCursor, CampaignRow } from "../storage/index.js";

/** The page tokens of one campaign list query. */
export interface CampaignPageCursor {
  /**
   * Where the page of `token` resumes (undefined for the first page); INVALID_ARGUMENT naming
   * `page.page_token` for a token of another query or a forged one.
   */
  after(token: string | undefined): CampaignCursor | undefined;
  /** The token of the page after `row`. */
  tokenAfter(row: CampaignRow): string;
}

/**
 * The page tokens of a campaign list sorted by `sort` and bound to `scope`: each carries the last
 * row's sort value — as the query compares it (the name in lower case, the budget, the creation or
 * start time) — and its id.
 */
export function campaignPageCursor(sort: CampaignSort, scope: string): CampaignPageCursor {
  switch (sort.key) {
    case "name":
      return cursorOf(cursorFields.text, (row) => row.name.toLowerCase(), scope);
    case "budget":
      return cursorOf(cursorFields.integer, (row) => row.budget_minor, scope);
    case "created":
      return cursorOf(cursorFields.time, (row) => row.created_at, scope);
    case "start":
      return cursorOf(cursorFields.time, (row) => row.start_at, scope);
  }
}

function cursorOf<T extends CampaignCursor["value"]>(
  field: CursorField<T>,
  sortValueOf: (row: CampaignRow) => T,
  scope: string,
): CampaignPageCursor {
  const cursor = sortCursor({ value: field, id: cursorFields.uuid }, scope);
  return {
    after(token) {
      const values = cursor.decode(token);
      return values && { value: values.value, campaignId: values.id };
    },
    tokenAfter: (row) => cursor.encode({ value: sortValueOf(row), id: row.campaign_id }),
  };
}
