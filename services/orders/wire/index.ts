export { toCustomer } from "./customer.js";
export { addressFromJson, addressToJson } from "./delivery-address.js";
export { money } from "./money.js";
export { toOrder } from "./order.js";
export { orderListFromProto } from "./order-list.js";
export { statusFromProto, statusToProto } from "./order-status.js";
export { roleToProto } from "./role.js";
export { toStatusChange } from "./status-change.js";
