export {
  type AssignmentListQuery,
  type AssignmentRow,
  type AssignmentUpdate,
  assignmentsOfCourier,
  assignmentZone,
  type DueStep,
  dueSteps,
  findAssignment,
  insertAssignment,
  listAssignments,
  queuedInZone,
  queuePosition,
  updateAssignment,
} from "./assignments-store.js";
export {
  type CourierListQuery,
  type CourierRow,
  type CourierUpdate,
  dueReturns,
  findCourier,
  insertCourier,
  listCouriers,
  readyCouriers,
  requireCourier,
  updateCourier,
} from "./couriers-store.js";
export type { AssignmentsTable, CouriersTable, FleetDatabase } from "./fleet-database.js";
export { lockZone } from "./zone-lock.js";
