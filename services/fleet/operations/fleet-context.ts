import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { Outbox } from "../../kit/events/index.js";
import type { FlightPlan } from "../domain/index.js";
import type { FleetDatabase } from "../storage/index.js";

/** What the Fleet operations share. */
export interface FleetContext {
  readonly db: Kysely<FleetDatabase>;
  /** The kit's outbox of the fleet schema. */
  readonly outbox: Outbox;
  /** Simulated durations, already scaled. */
  readonly plan: FlightPlan;
  /** The clock of every time Fleet writes (a test may move it). */
  readonly now: () => Date;
  readonly logger: Logger;
}
