// @vitest-environment happy-dom
import { CampaignSortField, CampaignStatus, SortDirection } from "@waybill/sdk/campaigns";
import { describe, expect, it } from "vitest";
import { listRequest } from "./list-request.js";

const base = { brandId: "acme", query: "", status: undefined, sort: undefined, pageSize: 20, pageToken: "" };

describe("listRequest", () => {
  it("leaves sort and statuses to the service's defaults when none is picked", () => {
    expect(listRequest({ ...base, query: "  spring " })).toEqual({
      brandId: "acme",
      query: "spring",
      statuses: [],
      sortField: CampaignSortField.UNSPECIFIED,
      sortDirection: SortDirection.UNSPECIFIED,
      page: { pageSize: 20, pageToken: "" },
    });
  });

  it("maps the table's sort keys and the status filter", () => {
    const request = listRequest({
      ...base,
      status: CampaignStatus.PAUSED,
      sort: { key: "budget", direction: "desc" },
      pageToken: "next",
    });
    expect(request).toMatchObject({
      statuses: [CampaignStatus.PAUSED],
      sortField: CampaignSortField.BUDGET,
      sortDirection: SortDirection.DESCENDING,
      page: { pageToken: "next" },
    });
    expect(listRequest({ ...base, sort: { key: "name", direction: "asc" } })).toMatchObject({
      sortField: CampaignSortField.NAME,
      sortDirection: SortDirection.ASCENDING,
    });
    expect(listRequest({ ...base, sort: { key: "start", direction: "asc" } }).sortField).toBe(
      CampaignSortField.START_TIME,
    );
  });
});
