export { createFlightClock, type FlightClock } from "./flight-clock.js";
