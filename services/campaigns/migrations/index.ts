import type { Migration } from "kysely";
import { campaignsAndStats } from "./0001-campaigns-and-stats.js";
import { pushClaims } from "./0002-push-claims.js";
import { createUndo } from "./0003-create-undo.js";

/** Migrations of the `campaigns` schema, applied in key order at start (after the kit's tables). */
export const campaignsMigrations: Readonly<Record<string, Migration>> = {
  "0001-campaigns-and-stats": campaignsAndStats,
  "0002-push-claims": pushClaims,
  "0003-create-undo": createUndo,
};
