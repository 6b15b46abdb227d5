import type { Campaign } from "@waybill/sdk/campaigns";
import type { ReactNode } from "react";
import { Badge, type Column, type SortState, Table } from "../../ui/index.js";
import { formatMoney } from "../items/money.js";
import { statusBadge, syncBadge } from "./campaign-status.js";
import { dateText } from "./dates.js";

/** A page of campaigns: budget, dates, status, and how each stands with its platform. */
export function CampaignsTable({
  campaigns,
  showBrand,
  sort,
  onSort,
  nameCell,
}: {
  readonly campaigns: readonly Campaign[];
  readonly showBrand: boolean;
  readonly sort: SortState | undefined;
  readonly onSort: (sort: SortState) => void;
  readonly nameCell: (campaign: Campaign) => ReactNode;
}) {
  const columns: Column<Campaign>[] = [
    ...(showBrand ? [{ key: "brand", header: "Brand", cell: (c: Campaign) => c.brandId }] : []),
    { key: "name", header: "Name", sortKey: "name", cell: nameCell },
    { key: "platform", header: "Platform", cell: (c) => c.platform },
    { key: "promo", header: "Promo code", cell: (c) => <span className="mono">{c.promoCode || "—"}</span> },
    { key: "budget", header: "Budget", sortKey: "budget", numeric: true, cell: (c) => formatMoney(c.budget) },
    { key: "start", header: "Start", sortKey: "start", cell: (c) => dateText(c.startTime) },
    { key: "end", header: "End", cell: (c) => dateText(c.endTime) },
    {
      key: "status",
      header: "Status",
      cell: (c) => {
        const badge = statusBadge(c.status);
        return <Badge tone={badge.tone}>{badge.label}</Badge>;
      },
    },
    {
      key: "sync",
      header: "Sync",
      cell: (c) => {
        const badge = syncBadge(c.syncState);
        return (
          <>
            <Badge tone={badge.tone}>{badge.label}</Badge>
            {c.lastSyncError && <p className="field-error">{c.lastSyncError}</p>}
          </>
        );
      },
    },
    { key: "created", header: "Created", sortKey: "created", cell: (c) => dateText(c.createTime) },
  ];
  return (
    <Table
      columns={columns}
      rows={campaigns}
      rowKey={(c) => c.campaignId}
      sort={sort}
      onSort={onSort}
      caption="Campaigns"
    />
  );
}
