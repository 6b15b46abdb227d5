import type { ActivityEntry } from "@waybill/sdk/notifications";

/** A link from an entry to the page of what it is about. */
export interface EntryLink {
  readonly label: string;
  readonly to: string;
}

/**
 * The pages an entry leads to: its order, and the item (Inventory's aggregate is `brand/sku`) or
 * campaign (Campaigns' aggregate is the campaign id) it is about. An operator's links carry the
 * entry's brand (`?brand=`), as the list pages' do.
 */
export function entryLinks(entry: ActivityEntry, operator: boolean): EntryLink[] {
  const brand = operator && entry.brandId ? `?brand=${encodeURIComponent(entry.brandId)}` : "";
  const links: EntryLink[] = [];
  if (entry.orderId) links.push({ label: "Order", to: `/orders/${encodeURIComponent(entry.orderId)}${brand}` });
  const service = entry.eventType.split(".")[1];
  if (service === "inventory" && entry.brandId && entry.aggregateId.startsWith(`${entry.brandId}/`)) {
    const sku = entry.aggregateId.slice(entry.brandId.length + 1);
    if (sku) links.push({ label: "Item", to: `/items/${encodeURIComponent(sku)}${brand}` });
  }
  if (service === "campaigns" && entry.aggregateId) {
    links.push({ label: "Campaign", to: `/campaigns/${encodeURIComponent(entry.aggregateId)}${brand}` });
  }
  return links;
}
