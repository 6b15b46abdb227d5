import type { BadgeTone } from "../../ui/index.js";

/** How an item's stock stands against its low-stock threshold. */
export type StockStatus = "out" | "low" | "ok";

/**
 * Out of stock when nothing is available; low when what is available is at or below the item's
 * threshold (the rule of ListItems' `low_stock_only`); otherwise in stock.
 */
export function stockStatus(available: bigint, lowStockThreshold: bigint): StockStatus {
  if (available <= 0n) return "out";
  if (available <= lowStockThreshold) return "low";
  return "ok";
}

/** The badge of a status: its words and tone. */
export function stockBadge(status: StockStatus): { readonly label: string; readonly tone: BadgeTone } {
  switch (status) {
    case "out":
      return { label: "Out of stock", tone: "danger" };
    case "low":
      return { label: "Low stock", tone: "warning" };
    case "ok":
      return { label: "In stock", tone: "good" };
  }
}
