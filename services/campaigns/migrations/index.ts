import type { Migration } from "kysely";
import { campaignsAndStats } from "./0001-campaigns-and-stats.js";

/** Migrations of the `campaigns` schema, applied in key order at start (after the kit's tables). */
export const campaignsMigrations: Readonly<Record<string, Migration>> = {
  "0001-campaigns-and-stats": campaignsAndStats,
};
