import { readPage } from "../../kit/pagination/index.js";
import { type CampaignListFilter, type CampaignSort, campaignListScope } from "../domain/index.js";
import { type CampaignRow, countCampaigns, listCampaignRows } from "../storage/index.js";
import { campaignPageCursor } from "./campaign-page-cursor.js";
import type { CampaignsContext } from "./campaigns-context.js";

/** A ListCampaigns query: filters, sort and the page asked for. */
export interface CampaignListRequest {
  readonly filter: CampaignListFilter;
  readonly sort: CampaignSort;
  readonly page: { readonly pageSize?: number; readonly pageToken?: string } | undefined;
}

/** One page of campaigns, the token of the next, and how many campaigns match in all. */
export interface CampaignListPage {
  readonly rows: readonly CampaignRow[];
  readonly nextPageToken: string;
  readonly totalSize: number;
}

/**
 * ListCampaigns: one keyset page of the campaigns matching the filters in the requested order
 * (ties broken by id), with a next-page token bound to the query (a token of another query is
 * INVALID_ARGUMENT), and the total number of matches.
 */
export async function listCampaigns(ctx: CampaignsContext, query: CampaignListRequest): Promise<CampaignListPage> {
  const { filter, sort } = query;
  const cursor = campaignPageCursor(sort, campaignListScope(filter, sort));
  const after = cursor.after(query.page?.pageToken);
  const [page, totalSize] = await Promise.all([
    readPage(
      query.page,
      (limit) => listCampaignRows(ctx.db, { ...filter, sort, ...(after ? { after } : {}), limit }),
      cursor.tokenAfter,
    ),
    countCampaigns(ctx.db, filter),
  ]);
  return { ...page, totalSize };
}
