import type { Migration } from "kysely";
import { customersAndOrders } from "./0001-customers-and-orders.js";
import { promoCode } from "./0002-promo-code.js";
import { placements } from "./0003-placements.js";
import { placementTrace } from "./0004-placement-trace.js";
import { customerBrand } from "./0005-customer-brand.js";

/** Migrations of the `orders` schema, applied in key order at start (after the kit's tables). */
export const ordersMigrations: Readonly<Record<string, Migration>> = {
  "0001-customers-and-orders": customersAndOrders,
  "0002-promo-code": promoCode,
  "0003-placements": placements,
  "0004-placement-trace": placementTrace,
  "0005-customer-brand": customerBrand,
};
