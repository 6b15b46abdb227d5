export {
  type AssignmentParties,
  assertAssignmentLister,
  assertAssignmentReader,
  assertReporter,
  assignmentNotFound,
} from "./assignment-access.js";
export {
  type AssignmentStatusName,
  type CancelPlan,
  courierHoldingStatuses,
  isFinalAssignment,
  planCancellation,
  type RiderReport,
  riderReportRule,
} from "./assignment-status.js";
export { assertActsAsItself, assertAvailabilitySetter, assertWatcher } from "./courier-access.js";
export {
  type AvailabilityName,
  type CourierFacts,
  type CourierKindName,
  type CourierStateName,
  courierState,
  type FlightPhase,
  takesOrders,
} from "./courier-state.js";
export { createFlightPlan, type FlightPlan, type FlightSettings, recallReturnMs } from "./flight-plan.js";
export type { FlightStep } from "./flight-step.js";
export { type Candidate, pickCourier } from "./pick-courier.js";
