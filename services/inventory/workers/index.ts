/** Inventory's background loops. */
export { createExpirySweeper, type ExpirySweeper, type SweeperContext } from "./expiry-sweeper.js";
