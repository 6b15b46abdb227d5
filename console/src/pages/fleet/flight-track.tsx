import { type FlightPosition, type FlightTimes, flightPosition, isMoving } from "./flight-position.js";
import { useFlightClock } from "./use-flight-clock.js";
import "./fleet.css";

const phaseLabels: Readonly<Record<FlightPosition["phase"], string>> = {
  base: "At base",
  outbound: "Flying out",
  arrived: "At the customer",
  returning: "Flying back to base",
};

/** Words for a drone's position: the phase and, when known, how far out it is. */
export function describePosition(position: FlightPosition): string {
  const { phase, progress } = position;
  if (progress === undefined || phase === "base" || phase === "arrived") return phaseLabels[phase];
  return `${phaseLabels[phase]} · ${Math.round(progress * 100)}% of the way out`;
}

/**
 * One drone's flight as a line from base to the customer, the drone on it where its times put it
 * now (`data-phase`, `data-progress`), moving from frame to frame while it flies.
 */
export function FlightTrack({ times, label }: { readonly times: FlightTimes; readonly label: string }) {
  const moving = isMoving(flightPosition(times, Date.now()));
  const position = flightPosition(times, useFlightClock(moving));
  const x = 20 + 280 * (position.progress ?? 0.5);
  return (
    <figure className="flight-figure">
      <svg
        className="flight-progress"
        viewBox="0 0 320 28"
        role="img"
        aria-label={label}
        data-testid="order-flight"
        data-phase={position.phase}
        data-progress={position.progress === undefined ? "unknown" : position.progress.toFixed(3)}
      >
        <line className="lane-track" x1={20} y1={14} x2={300} y2={14} />
        <circle className="lane-base" cx={20} cy={14} r={5} />
        <circle className="lane-destination" cx={300} cy={14} r={5} />
        <g className={`drone phase-${position.phase}`} transform={`translate(${x.toFixed(1)} 14)`}>
          <polygon points={position.phase === "returning" ? "9,-7 -9,0 9,7" : "-9,-7 9,0 -9,7"} />
        </g>
      </svg>
      <figcaption className="muted">{describePosition(position)}</figcaption>
    </figure>
  );
}
