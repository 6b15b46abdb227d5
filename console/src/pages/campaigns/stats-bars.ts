import type { CampaignStats } from "@waybill/sdk/campaigns";

/** One bar of the stats chart: its label, value, and the theme colour (a CSS variable) it is drawn in. */
export interface StatBar {
  readonly key: string;
  readonly label: string;
  readonly value: number;
  readonly color: string;
}

/** The bars of a campaign's stats: orders kept, orders cancelled, units (all zero before the first order). */
export function statsBars(stats: CampaignStats | undefined): readonly StatBar[] {
  return [
    { key: "orders", label: "Orders", value: Number(stats?.orders ?? 0n), color: "--accent" },
    { key: "cancelled", label: "Cancelled", value: Number(stats?.cancelledOrders ?? 0n), color: "--danger" },
    { key: "units", label: "Units", value: Number(stats?.units ?? 0n), color: "--good" },
  ];
}
