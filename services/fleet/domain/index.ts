export {
  type AssignmentStatusName,
  type CancelPlan,
  courierHoldingStatuses,
  isFinalAssignment,
  planCancellation,
  type RiderReport,
  riderReportRule,
} from "./assignment-status.js";
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
export { type Candidate, pickCourier } from "./pick-courier.js";
