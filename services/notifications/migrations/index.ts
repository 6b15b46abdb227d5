import type { Migration } from "kysely";
import { activity } from "./0001-activity.js";

/** Migrations of the `notifications` schema, applied in key order at start. */
export const notificationsMigrations: Readonly<Record<string, Migration>> = {
  "0001-activity": activity,
};
