import type { Migration } from "kysely";
import { couriersAndAssignments } from "./0001-couriers-and-assignments.js";
import { traceParents } from "./0002-trace-parents.js";

/** Migrations of the `fleet` schema, applied in key order at start (after the kit's tables). */
export const fleetMigrations: Readonly<Record<string, Migration>> = {
  "0001-couriers-and-assignments": couriersAndAssignments,
  "0002-trace-parents": traceParents,
};
