import { SortDirection } from "@waybill/contracts/waybill/common/v1/pagination_pb.js";
import { ItemSortField } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import type { Waybill } from "@waybill/sdk";
import { setUpWorkload } from "../load/setup-workload.js";
import { type CampaignSetup, setUpCampaign } from "./campaigns.js";
import { type Fleet, setUpFleet } from "./couriers.js";
import type { Clients } from "./tokens.js";

/** A brand of the simulation: its items (one currency), customers and promo code. */
export interface SimBrand {
  readonly brandId: string;
  readonly skus: readonly string[];
  readonly currencyCode: string;
  readonly customerIds: readonly string[];
  /** The code of the brand's campaign; undefined when the campaign could not be set up. */
  readonly promoCode?: string;
  /** Units available per SKU as last seen (kept roughly up to date: orders take, restocks add). */
  readonly available: Map<string, number>;
}

/** Everything the actors work on. */
export interface World {
  readonly brands: readonly SimBrand[];
  readonly fleet: Fleet;
  /** Why a campaign could not be set up, per brand (the run goes on without its promo code). */
  readonly campaignProblems: readonly string[];
  /** Orders something is working on right now, so two actions never move the same order at once. */
  readonly claims: Set<string>;
}

/** Items each brand has, stock each starts with, and the level below which it restocks. */
export const worldShape = { items: 8, customers: 6, stock: 100, lowStock: 20, restock: 60 } as const;

const brandNames = ["bistro", "bakery", "grocer", "florist", "deli", "pharmacy"] as const;

/** The id of simulated brand `index` (from 0): `sim-bistro`, `sim-bakery`, ... then `sim-brand-7`. */
export function simBrandId(index: number): string {
  const name = brandNames[index];
  return name === undefined ? `sim-brand-${index + 1}` : `sim-${name}`;
}

/**
 * Sets up the world idempotently through the API: for each brand its items with stock and its
 * customers (the load generator's setup, which replays or finds what is there), a campaign with a
 * promo code; the couriers of every zone, online. Throws when Waybill refuses what the run needs.
 */
export async function setUpWorld(clients: Clients, brandCount: number, timeoutMs: number): Promise<World> {
  const brands: SimBrand[] = [];
  const campaignProblems: string[] = [];
  for (let index = 0; index < brandCount; index++) {
    const brandId = simBrandId(index);
    const workload = await setUpWorkload(clients.admin, {
      brandId,
      items: worldShape.items,
      customers: worldShape.customers,
      stock: worldShape.stock,
      timeoutMs,
    });
    const campaign: CampaignSetup = await setUpCampaign(clients.brand(brandId), brandId, workload.currencyCode);
    if (campaign.problem !== undefined) campaignProblems.push(`${brandId}: ${campaign.problem}`);
    const brand: SimBrand = {
      brandId,
      skus: workload.skus,
      currencyCode: workload.currencyCode,
      customerIds: workload.customerIds,
      ...(campaign.promoCode === undefined ? {} : { promoCode: campaign.promoCode }),
      available: new Map(),
    };
    await readStock(clients.brand(brandId), brand);
    brands.push(brand);
  }
  const fleet = await setUpFleet(clients.admin, timeoutMs);
  return { brands, fleet, campaignProblems, claims: new Set() };
}

/** Reads the brand's items, least available first, into `brand.available`; answers them in that order. */
export async function readStock(
  client: Waybill,
  brand: SimBrand,
): Promise<readonly { sku: string; available: bigint }[]> {
  const { items } = await client.inventory.listItems({
    brandId: brand.brandId,
    sortField: ItemSortField.AVAILABLE,
    sortDirection: SortDirection.ASCENDING,
    page: { pageSize: 100 },
  });
  const ours = items.filter((item) => brand.skus.includes(item.sku));
  for (const item of ours) brand.available.set(item.sku, Number(item.stock?.available ?? 0n));
  return ours.map((item) => ({ sku: item.sku, available: item.stock?.available ?? 0n }));
}
