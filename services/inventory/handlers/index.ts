/** Inventory's RPC methods. */
export { createInventoryHandlers } from "./inventory-handlers.js";
