/**
 * Where a drone is on its way between base (0) and the customer (1), from the flight's times
 * alone: the browser draws it moving without asking the server again.
 */
export interface FlightPosition {
  /** At base, flying out, at the customer (handed over, not yet flying back), or flying back. */
  readonly phase: FlightPhase;
  /** 0 at base, 1 at the customer; undefined when the times to place it are not known. */
  readonly progress: number | undefined;
}

/** The parts of a drone's round trip. */
export type FlightPhase = "base" | "outbound" | "arrived" | "returning";

/** The times of one flight, in epoch milliseconds, as far as they are known. */
export interface FlightTimes {
  /** What the drone is doing: on the ground, flying out, at the customer, or flying back. */
  readonly leg: "ground" | "outbound" | "arrived" | "returning";
  /** Take-off towards the customer. */
  readonly departMs?: number | undefined;
  /** Expected arrival at the customer (from the zone's travel time). */
  readonly arriveMs?: number | undefined;
  /** When it turned back: the hand-over, or the recall of its order. */
  readonly turnMs?: number | undefined;
}

const clamp = (value: number) => Math.min(1, Math.max(0, value));

/**
 * The drone's position at `nowMs`. Flying out it moves from 0 to 1 between take-off and the
 * expected arrival (and waits at 1 if the arrival is late). Flying back it goes at the same speed
 * from where it turned: 1 after a delivery, or the point it had reached when its order was recalled
 * (Fleet lands it after as long as it had flown out), down to 0.
 *
 * @example
 * flightPosition({ leg: "outbound", departMs: 0, arriveMs: 10_000 }, 2_500); // { phase: "outbound", progress: 0.25 }
 */
export function flightPosition(times: FlightTimes, nowMs: number): FlightPosition {
  const { leg, departMs, arriveMs, turnMs } = times;
  if (leg === "ground") return { phase: "base", progress: 0 };
  if (leg === "arrived") return { phase: "arrived", progress: 1 };
  const travelMs = departMs !== undefined && arriveMs !== undefined ? arriveMs - departMs : undefined;
  if (leg === "outbound") {
    if (departMs === undefined || arriveMs === undefined) return { phase: "outbound", progress: undefined };
    const progress = travelMs && travelMs > 0 ? clamp((nowMs - departMs) / travelMs) : 1;
    return { phase: progress >= 1 ? "arrived" : "outbound", progress };
  }
  if (travelMs === undefined || turnMs === undefined || departMs === undefined) {
    return { phase: "returning", progress: undefined };
  }
  if (travelMs <= 0) return { phase: "returning", progress: 0 };
  const turnedAt = clamp((turnMs - departMs) / travelMs);
  return { phase: "returning", progress: clamp(turnedAt - Math.max(0, nowMs - turnMs) / travelMs) };
}

/** Whether a drone in this position still moves (the page keeps animating while one does). */
export function isMoving(position: FlightPosition): boolean {
  return (
    position.progress !== undefined &&
    ((position.phase === "outbound" && position.progress < 1) ||
      (position.phase === "returning" && position.progress > 0))
  );
}
