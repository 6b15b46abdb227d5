import type { CourierRegistered, CourierStateChanged } from "@waybill/contracts/waybill/fleet/v1/events_pb.js";
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { EventFeed, Outbox } from "../../kit/events/index.js";
import type { FlightPlan } from "../domain/index.js";
import type { FleetDatabase } from "../storage/index.js";

/** The process's live feed of courier changes from every replica (opened by `events/fleet-feed.ts`). */
export type FleetFeed = EventFeed<CourierRegistered | CourierStateChanged>;

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
  /** Courier changes for WatchFleet, shared by every watcher of the process. */
  readonly feed: FleetFeed;
  /** Aborted when shutdown begins: watches then end quietly. */
  readonly shutdownSignal: AbortSignal;
}
