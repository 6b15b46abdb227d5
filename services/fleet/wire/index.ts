export { toAssignment } from "./assignment-message.js";
export { assignmentStatusNames } from "./assignment-names.js";
export { toCourier } from "./courier-message.js";
export {
  availabilityName,
  courierKindFilter,
  courierKindName,
  courierKinds,
  courierStateNames,
  courierStates,
} from "./courier-names.js";
export { storedDeliveryAddress } from "./delivery-address.js";
