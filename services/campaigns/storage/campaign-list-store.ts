import { type Expression, type Kysely, type SelectQueryBuilder, sql } from "kysely";
import type { CampaignListFilter, CampaignSort } from "../domain/index.js";
import type { CampaignsDatabase } from "./campaigns-database.js";
import type { CampaignRow } from "./campaigns-store.js";

/** Where a page resumes: the last row's sort value (as the sort expression reads it) and id. */
export interface CampaignCursor {
  readonly value: string | number | Date;
  readonly campaignId: string;
}

/** A page query: filters, sort, position and the number of rows to read. */
export interface CampaignListQuery extends CampaignListFilter {
  readonly sort: CampaignSort;
  readonly after?: CampaignCursor;
  readonly limit: number;
}

function sortExpression(sort: CampaignSort): Expression<unknown> {
  switch (sort.key) {
    case "name":
      return sql`lower(name)`;
    case "created":
      return sql.ref("created_at");
    case "budget":
      return sql.ref("budget_minor");
    case "start":
      return sql.ref("start_at");
  }
}

function filtered<O>(
  query: SelectQueryBuilder<CampaignsDatabase, "campaigns", O>,
  filter: CampaignListFilter,
): SelectQueryBuilder<CampaignsDatabase, "campaigns", O> {
  // A create its platform has not confirmed yet is not a campaign for readers.
  let result = query.where("platform_campaign_id", "<>", "");
  if (filter.brandId) result = result.where("brand_id", "=", filter.brandId);
  if (filter.query) result = result.where("name", "ilike", `%${filter.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (filter.statuses.length > 0) result = result.where("status", "in", filter.statuses);
  if (filter.platform) result = result.where("platform", "=", filter.platform);
  return result;
}

/**
 * At most `limit` campaigns in the requested order after `after`, by keyset (the sort value, then
 * the id, compared as a row). The sort values are `lower(name)`, `created_at`, `budget_minor` and
 * `start_at`.
 */
export async function listCampaignRows(
  db: Kysely<CampaignsDatabase>,
  query: CampaignListQuery,
): Promise<CampaignRow[]> {
  const column = sortExpression(query.sort);
  const direction = query.sort.descending ? sql`desc` : sql`asc`;
  let select = filtered(db.selectFrom("campaigns").selectAll(), query)
    .orderBy(sql`${column} ${direction}`)
    .orderBy(sql`campaign_id ${direction}`)
    .limit(query.limit);
  if (query.after) {
    const operator = query.sort.descending ? sql`<` : sql`>`;
    select = select.where(
      sql<boolean>`(${column}, campaign_id) ${operator} (${query.after.value}, ${query.after.campaignId})`,
    );
  }
  return select.execute();
}

/** How many campaigns match the filters. */
export async function countCampaigns(db: Kysely<CampaignsDatabase>, filter: CampaignListFilter): Promise<number> {
  const row = await filtered(
    db.selectFrom("campaigns").select(sql<number>`count(*)`.as("total")),
    filter,
  ).executeTakeFirstOrThrow();
  return Number(row.total);
}
