/** A timed step of a drone delivery: loading, take-off, arrival, landing back after a recall. */
export type FlightStep = "load" | "depart" | "arrive" | "land";
