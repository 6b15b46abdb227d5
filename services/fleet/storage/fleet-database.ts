import type { ColumnType, Generated } from "kysely";
import type { OutboxTable } from "../../kit/events/index.js";
import type { IdempotencyTable } from "../../kit/idempotency/index.js";
import type {
  AssignmentStatusName,
  AvailabilityName,
  CourierKindName,
  CourierStateName,
  FlightPhase,
  FlightStep,
} from "../domain/index.js";

/** `fleet.couriers`: drones and riders, with their derived state and load. */
export interface CouriersTable {
  readonly courier_id: string;
  readonly kind: CourierKindName;
  readonly name: string;
  readonly zone: string;
  readonly capacity: number;
  readonly availability: AvailabilityName;
  readonly flight: FlightPhase | null;
  readonly state: CourierStateName;
  /** Orders held (assigned, picked up, en route, recalled); never above capacity. */
  readonly active: number;
  readonly idle_since: Date | null;
  readonly last_assigned_at: Date | null;
  /** When a drone flying back after a delivery lands. */
  readonly return_due_at: Date | null;
  /** The `traceparent` of the delivery a drone flies back from: its landing continues that trace. */
  readonly return_trace_parent: ColumnType<string | null, string | null | undefined, string | null>;
  readonly version: ColumnType<number, number | undefined, number>;
  readonly state_changed_at: Date;
  readonly created_at: Date;
  readonly updated_at: Date;
}

/** `fleet.assignments`: one row per order that reached Fleet. */
export interface AssignmentsTable {
  readonly order_id: string;
  readonly brand_id: string;
  readonly customer_id: string;
  readonly zone: string;
  /** The `DeliveryAddress` in its protobuf JSON form. */
  readonly delivery_address: ColumnType<unknown, string, string>;
  readonly status: AssignmentStatusName;
  readonly courier_id: string | null;
  readonly courier_kind: CourierKindName | null;
  readonly previous_courier_id: string | null;
  readonly queue_seq: Generated<number>;
  readonly attempt: ColumnType<number, number | undefined, number>;
  readonly end_reason: ColumnType<string, string | undefined, string>;
  /** The drone flight step due at `due_at`. */
  readonly next_step: FlightStep | null;
  readonly due_at: Date | null;
  /** The `traceparent` the order's next step (assignment, flight step) continues; null in old rows. */
  readonly trace_parent: ColumnType<string | null, string | null | undefined, string | null>;
  readonly created_at: Date;
  readonly assigned_at: Date | null;
  readonly picked_up_at: Date | null;
  readonly estimated_arrival_at: Date | null;
  readonly delivered_at: Date | null;
  readonly ended_at: Date | null;
  readonly updated_at: Date;
}

/** The tables of the `fleet` schema. */
export interface FleetDatabase {
  couriers: CouriersTable;
  assignments: AssignmentsTable;
  idempotency: IdempotencyTable;
  outbox: OutboxTable;
}
