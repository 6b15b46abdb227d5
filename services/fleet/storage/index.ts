export type { AssignmentsTable, CouriersTable, FleetDatabase, FlightStep } from "./fleet-database.js";
export { lockZone } from "./zone-lock.js";
export {
  dueReturns,
  findCourier,
  insertCourier,
  listCouriers,
  readyCouriers,
  updateCourier,
  type CourierListQuery,
  type CourierRow,
  type CourierUpdate,
} from "./couriers-store.js";
export {
  assignmentsOfCourier,
  assignmentZone,
  dueSteps,
  findAssignment,
  insertAssignment,
  listAssignments,
  queuedInZone,
  queuePosition,
  updateAssignment,
  type AssignmentListQuery,
  type AssignmentRow,
  type AssignmentUpdate,
} from "./assignments-store.js";
