export { courierState, takesOrders, type AvailabilityName, type CourierFacts, type CourierKindName, type CourierStateName, type FlightPhase } from "./courier-state.js";
export { pickCourier, type Candidate } from "./pick-courier.js";
export {
  courierHoldingStatuses,
  isFinalAssignment,
  planCancellation,
  riderReportRule,
  type AssignmentStatusName,
  type CancelPlan,
  type RiderReport,
} from "./assignment-status.js";
export { createFlightPlan, recallReturnMs, type FlightPlan, type FlightSettings } from "./flight-plan.js";
