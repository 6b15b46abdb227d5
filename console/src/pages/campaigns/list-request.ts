import { CampaignSortField, CampaignStatus, SortDirection } from "@waybill/sdk/campaigns";
import type { SortState } from "../../ui/index.js";

/** Sort keys of the table's headers, as ListCampaigns' sort fields. */
const sortFields: Readonly<Record<string, CampaignSortField>> = {
  name: CampaignSortField.NAME,
  created: CampaignSortField.CREATE_TIME,
  budget: CampaignSortField.BUDGET,
  start: CampaignSortField.START_TIME,
};

/** The filters of the list page. */
export interface CampaignFilters {
  readonly brandId: string;
  readonly query: string;
  /** One status, or undefined for every status. */
  readonly status: CampaignStatus | undefined;
  readonly sort: SortState | undefined;
  readonly pageSize: number;
  readonly pageToken: string;
}

/** The ListCampaigns request of the page's filters (no sort: the service's default, newest first). */
export function listRequest(filters: CampaignFilters) {
  const { sort } = filters;
  return {
    brandId: filters.brandId,
    query: filters.query.trim(),
    statuses: filters.status === undefined ? [] : [filters.status],
    sortField: sort ? (sortFields[sort.key] ?? CampaignSortField.UNSPECIFIED) : CampaignSortField.UNSPECIFIED,
    sortDirection: sort
      ? sort.direction === "asc"
        ? SortDirection.ASCENDING
        : SortDirection.DESCENDING
      : SortDirection.UNSPECIFIED,
    page: { pageSize: filters.pageSize, pageToken: filters.pageToken },
  };
}

/** The statuses the filter offers. */
export const filterStatuses: readonly CampaignStatus[] = [
  CampaignStatus.DRAFT,
  CampaignStatus.ACTIVE,
  CampaignStatus.PAUSED,
  CampaignStatus.ARCHIVED,
];
