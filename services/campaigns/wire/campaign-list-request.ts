import { CampaignSortField, type ListCampaignsRequest } from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
import { SortDirection } from "@waybill/contracts/waybill/common/v1/pagination_pb.js";
import { DomainError } from "../../kit/errors/index.js";
import { storedName } from "../../kit/wire/index.js";
import {
  type CampaignListFilter,
  type CampaignSort,
  type CampaignSortKey,
  campaignSort,
  type SortDirectionName,
} from "../domain/index.js";
import { statusName } from "./campaign-status-values.js";

/** Contract sort fields of the sort keys (an unspecified field sorts by creation). */
const sortKeyValues: Readonly<Record<CampaignSortKey, CampaignSortField>> = {
  name: CampaignSortField.NAME,
  created: CampaignSortField.CREATE_TIME,
  budget: CampaignSortField.BUDGET,
  start: CampaignSortField.START_TIME,
};

/** Contract values of the sort directions (an unspecified one is the key's default). */
const directionValues: Readonly<Record<SortDirectionName, SortDirection>> = {
  ascending: SortDirection.ASCENDING,
  descending: SortDirection.DESCENDING,
};

/**
 * The filters and sort of a ListCampaigns request, for `brandId` (the brand the caller may list,
 * or undefined for every brand).
 */
export function campaignListOf(
  request: ListCampaignsRequest,
  brandId: string | undefined,
): { readonly filter: CampaignListFilter; readonly sort: CampaignSort } {
  const statuses = request.statuses.map((status) => {
    const name = statusName(status);
    // The validation interceptor refuses STATUS_UNSPECIFIED already.
    if (!name) throw new DomainError("invalid_argument", "statuses may not contain CAMPAIGN_STATUS_UNSPECIFIED");
    return name;
  });
  return {
    filter: { brandId, query: request.query, statuses, platform: request.platform },
    sort: campaignSort(
      storedName(sortKeyValues, request.sortField) ?? "created",
      storedName(directionValues, request.sortDirection),
    ),
  };
}
