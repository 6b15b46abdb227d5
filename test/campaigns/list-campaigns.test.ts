import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { Code } from "@connectrpc/connect";
import {
  type Campaign,
  CampaignSortField,
  CampaignStatus,
  type ListCampaignsRequest,
} from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
import { SortDirection } from "@waybill/contracts/waybill/common/v1/pagination_pb.js";
import type { Waybill } from "@waybill/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { campaignListScope, campaignSort } from "../../services/campaigns/domain/index.js";
import { encodeCursor } from "../../services/kit/pagination/index.js";
import { errorOf, readPages } from "../support/index.js";
import { type CampaignsHarness, eur, startCampaignsHarness } from "./helpers/campaigns-harness.js";

let h: CampaignsHarness;
let brand: Waybill;
const made: Campaign[] = [];

const names = [
  "Spring Sale",
  "summer splash",
  "Autumn leaves",
  "Winter SALE",
  "black friday",
  "Cyber Monday",
  "Boxing day",
  "sale of the century",
  "Easter eggs",
  "Mothers day",
  "back to school",
  "Singles day",
];

beforeAll(async () => {
  h = await startCampaignsHarness();
  brand = await h.brand("lister");
  for (const [i, name] of names.entries()) {
    const campaign = await h.create("lister", {
      name,
      budget: eur(((i * 7) % 5) * 1_000 + 500),
      startTime: timestampFromDate(new Date(Date.UTC(2026, (i * 5) % 12, 1))),
      endTime: timestampFromDate(new Date(Date.UTC(2027, 0, 1))),
      status: [CampaignStatus.DRAFT, CampaignStatus.ACTIVE, CampaignStatus.PAUSED][i % 3]!,
    });
    made.push(campaign);
  }
  await h.admin.campaigns.archiveCampaign({ campaignId: made[11]!.campaignId, idempotencyKey: "archive-last" });
  made[11] = (await h.admin.campaigns.getCampaign({ campaignId: made[11]!.campaignId })).campaign!;
  await h.create("elsewhere", { name: "Spring elsewhere" });
});
afterAll(() => h?.stop());

/** Every page of a list, with each page's total. */
async function pages(
  client: Waybill,
  request: Partial<Omit<ListCampaignsRequest, "$typeName" | "$unknown">>,
  pageSize: number,
): Promise<{ names: string[][]; totals: bigint[] }> {
  const read = await readPages(async (pageToken) => {
    const response = await client.campaigns.listCampaigns({ ...request, page: { pageSize, pageToken } });
    const total = response.page?.totalSize ?? 0n;
    return [response.campaigns.map((campaign) => [campaign.name, total] as const), response.page?.nextPageToken];
  });
  return {
    names: read.map((page) => page.map(([name]) => name)),
    totals: read.map((page) => page[0]?.[1] ?? 0n),
  };
}

const chunk = (values: string[], size: number) =>
  Array.from({ length: Math.ceil(values.length / size) }, (_, i) => values.slice(i * size, i * size + size));
const byId = (a: Campaign, b: Campaign) => (a.campaignId < b.campaignId ? -1 : 1);
const time = (campaign: Campaign, field: "createTime" | "startTime") =>
  Number(campaign[field]!.seconds) * 1e3 + campaign[field]!.nanos / 1e6;

describe("ListCampaigns", () => {
  it("pages by name ascending by default for NAME, case-insensitively, with the total on every page", async () => {
    const expected = [...made]
      .sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase(), "en") || byId(a, b))
      .map((c) => c.name);
    const listed = await pages(brand, { sortField: CampaignSortField.NAME }, 5);
    expect(listed.names).toEqual(chunk(expected, 5));
    expect(listed.totals).toEqual([12n, 12n, 12n]);
  });

  it("sorts by budget, start and creation, descending by default, ties broken by id", async () => {
    const budget = [...made]
      .sort((a, b) => Number(b.budget!.minorUnits - a.budget!.minorUnits) || byId(b, a))
      .map((c) => c.name);
    expect((await pages(brand, { sortField: CampaignSortField.BUDGET }, 4)).names).toEqual(chunk(budget, 4));
    const start = [...made]
      .sort((a, b) => time(a, "startTime") - time(b, "startTime") || byId(a, b))
      .map((c) => c.name);
    expect(
      (await pages(brand, { sortField: CampaignSortField.START_TIME, sortDirection: SortDirection.ASCENDING }, 7))
        .names,
    ).toEqual(chunk(start, 7));
    const created = [...made]
      .sort((a, b) => time(b, "createTime") - time(a, "createTime") || byId(b, a))
      .map((c) => c.name);
    expect((await pages(brand, {}, 5)).names).toEqual(chunk(created, 5));
  });

  it("searches names case-insensitively and filters by statuses, counting only the matches", async () => {
    const sale = await pages(brand, { query: "SALE", sortField: CampaignSortField.NAME }, 2);
    expect(sale.names.flat()).toEqual(["sale of the century", "Spring Sale", "Winter SALE"]);
    expect(sale.totals).toEqual([3n, 3n]);
    const paused = await brand.campaigns.listCampaigns({
      statuses: [CampaignStatus.PAUSED, CampaignStatus.ARCHIVED],
      sortField: CampaignSortField.NAME,
    });
    const expected = made
      .filter((c) => c.status === CampaignStatus.PAUSED || c.status === CampaignStatus.ARCHIVED)
      .map((c) => c.name)
      .sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
    expect(paused.campaigns.map((c) => c.name)).toEqual(expected);
    expect(paused.page).toMatchObject({ totalSize: BigInt(expected.length), nextPageToken: "" });
    expect((await brand.campaigns.listCampaigns({ query: "100%_" })).page?.totalSize).toBe(0n);
    expect((await brand.campaigns.listCampaigns({ platform: "megaphone" })).page?.totalSize).toBe(12n);
    expect((await brand.campaigns.listCampaigns({ platform: "blare" })).page?.totalSize).toBe(0n);
  });

  it("lets an admin list every brand and refuses a page token of another query", async () => {
    const all = await h.admin.campaigns.listCampaigns({ query: "spring", sortField: CampaignSortField.NAME });
    expect(all.campaigns.map((c) => `${c.brandId} ${c.name}`)).toEqual([
      "elsewhere Spring elsewhere",
      "lister Spring Sale",
    ]);
    const first = await brand.campaigns.listCampaigns({ sortField: CampaignSortField.NAME, page: { pageSize: 3 } });
    const error = await errorOf(
      brand.campaigns.listCampaigns({
        sortField: CampaignSortField.BUDGET,
        page: { pageSize: 3, pageToken: first.page!.nextPageToken },
      }),
    );
    expect(error.code).toBe(Code.InvalidArgument);
    expect((await errorOf((await h.brand("elsewhere")).campaigns.listCampaigns({ brandId: "lister" }))).code).toBe(
      Code.PermissionDenied,
    );
  });

  it("refuses a forged page token whose sort value or id does not parse, as INVALID_ARGUMENT", async () => {
    const filter = { brandId: "lister", query: "", statuses: [], platform: "" };
    const byName = campaignListScope(filter, campaignSort("name", undefined));
    const byStart = campaignListScope(filter, campaignSort("start", undefined));
    const forged = [
      { sortField: CampaignSortField.NAME, pageToken: encodeCursor({ value: "a", id: "not-a-uuid" }, byName) },
      {
        sortField: CampaignSortField.START_TIME,
        pageToken: encodeCursor({ value: "not a time", id: made[0]!.campaignId }, byStart),
      },
    ];
    for (const { sortField, pageToken } of forged) {
      const error = await errorOf(brand.campaigns.listCampaigns({ sortField, page: { pageSize: 3, pageToken } }));
      expect(error.code).toBe(Code.InvalidArgument);
      expect(error.rawMessage).toMatch(/page\.page_token is not a token this list returned/);
    }
  });
});
