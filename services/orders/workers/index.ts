/** Orders' background loops. */
export { createPlacementSweeper, type PlacementSweeper } from "./placement-sweeper.js";
