import { create } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import {
  type CampaignService,
  CampaignSortField,
  ListCampaignsResponseSchema,
} from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
import { SortDirection } from "@waybill/contracts/waybill/common/v1/pagination_pb.js";
import { requirePrincipal, scopeBrand } from "../../kit/auth/index.js";
import { pageSize } from "../../kit/pagination/index.js";
import { type CampaignListFilter, type CampaignSortKey, campaignListScope, campaignSort } from "../domain/index.js";
import { statusName, toCampaign } from "../operations/campaign-messages.js";
import type { CampaignsContext } from "../operations/campaigns-context.js";
import { countCampaigns, listCampaigns } from "../storage/index.js";
import { decodeCampaignCursor, encodeCampaignCursor } from "./campaign-cursor.js";

const sortKeys: Readonly<Record<CampaignSortField, CampaignSortKey>> = {
  [CampaignSortField.UNSPECIFIED]: "created",
  [CampaignSortField.NAME]: "name",
  [CampaignSortField.CREATE_TIME]: "created",
  [CampaignSortField.BUDGET]: "budget",
  [CampaignSortField.START_TIME]: "start",
};

const directions: Readonly<Record<SortDirection, "ascending" | "descending" | undefined>> = {
  [SortDirection.UNSPECIFIED]: undefined,
  [SortDirection.ASCENDING]: "ascending",
  [SortDirection.DESCENDING]: "descending",
};

/**
 * ListCampaigns: search by name and status (and platform), sort by name, creation, budget or start,
 * keyset pages bound to their query, and the total number of matches. A brand or partner sees its
 * own brand only; an admin naming no brand sees every brand.
 */
export function createListHandler(ctx: CampaignsContext): Pick<ServiceImpl<typeof CampaignService>, "listCampaigns"> {
  return {
    async listCampaigns(request, context) {
      const brandId = scopeBrand(requirePrincipal(context), request.brandId);
      const filter: CampaignListFilter = {
        brandId,
        query: request.query,
        statuses: request.statuses.map((status) => statusName(status)!),
        platform: request.platform,
      };
      const sort = campaignSort(sortKeys[request.sortField] ?? "created", directions[request.sortDirection]);
      const scope = campaignListScope(filter, sort);
      const limit = pageSize(request.page?.pageSize);
      const after = decodeCampaignCursor(request.page?.pageToken ?? "", sort, scope);
      const [rows, total] = await Promise.all([
        listCampaigns(ctx.db, { ...filter, sort, ...(after ? { after } : {}), limit }),
        countCampaigns(ctx.db, filter),
      ]);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return create(ListCampaignsResponseSchema, {
        campaigns: page.map(toCampaign),
        page: {
          nextPageToken: rows.length > limit && last ? encodeCampaignCursor(last, sort, scope) : "",
          totalSize: BigInt(total),
        },
      });
    },
  };
}
