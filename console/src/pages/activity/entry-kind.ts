import type { ActivityEntry } from "@waybill/sdk/notifications";
import type { BadgeTone } from "../../ui/index.js";

/** What an entry is about, as the feed filters it (the contract filters by brand, customer and order only). */
export type EntryKind = "orders" | "customers" | "stock" | "deliveries" | "campaigns" | "other";

/** The kinds, in the filter's order, with their words and badge tone. */
export const entryKinds: readonly { readonly kind: EntryKind; readonly label: string; readonly tone: BadgeTone }[] = [
  { kind: "orders", label: "Orders", tone: "info" },
  { kind: "deliveries", label: "Deliveries", tone: "good" },
  { kind: "stock", label: "Stock", tone: "warning" },
  { kind: "customers", label: "Customers", tone: "neutral" },
  { kind: "campaigns", label: "Campaigns", tone: "neutral" },
  { kind: "other", label: "Other", tone: "neutral" },
];

/** The kind of an entry, from its event's type: `waybill.<service>.v1.<Event>`. */
export function entryKind(eventType: string): EntryKind {
  const [, service, , name = ""] = eventType.split(".");
  switch (service) {
    case "orders":
      return name.startsWith("Customer") ? "customers" : "orders";
    case "inventory":
      return "stock";
    case "fleet":
      return "deliveries";
    case "campaigns":
      return "campaigns";
    default:
      return "other";
  }
}

/** Whether an entry shows under the chosen kind ("" for every kind) and text (any of its words or ids). */
export function entryMatches(entry: ActivityEntry, kind: EntryKind | "", text: string): boolean {
  if (kind && entryKind(entry.eventType) !== kind) return false;
  const needle = text.trim().toLowerCase();
  if (!needle) return true;
  return [entry.summary, entry.eventType, entry.orderId, entry.customerId, entry.aggregateId, entry.brandId].some(
    (value) => value.toLowerCase().includes(needle),
  );
}
