import type { Assignment, Courier } from "@waybill/sdk/fleet";
import { shortId } from "../orders/orders-table.js";
import { deliveryOf, droneFlightTimes, type FlightMemory } from "./fleet-model.js";
import { type FlightPosition, flightPosition, isMoving } from "./flight-position.js";
import { useFlightClock } from "./use-flight-clock.js";

const width = 640;
const base = 110;
const destination = 600;
const lane = 40;

interface PlacedDrone {
  readonly drone: Courier;
  readonly delivery: Assignment | undefined;
  readonly position: FlightPosition;
}

/**
 * A zone's drones on their way, one lane each: base on the left, the customer on the right, the
 * drone between them where its flight's times put it now (`data-phase`, `data-progress`), moving
 * from frame to frame while it flies.
 */
export function FlightSchematic({
  zone,
  drones,
  assignments,
  memory,
}: {
  readonly zone: string;
  readonly drones: readonly Courier[];
  readonly assignments: readonly Assignment[];
  readonly memory: FlightMemory;
}) {
  const place = (at: number): readonly PlacedDrone[] =>
    drones.map((drone) => {
      const delivery = deliveryOf(drone, assignments, memory);
      const times = droneFlightTimes(drone, delivery, memory.travelByZone.get(zone));
      return { drone, delivery, position: flightPosition(times, at) };
    });
  const moving = place(Date.now()).some((placed) => isMoving(placed.position));
  const placed = place(useFlightClock(moving));
  const height = lane * drones.length + 24;
  return (
    <svg
      className="flight-schematic"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`Drone flights of zone ${zone}`}
      data-testid="flight-schematic"
    >
      <text className="schematic-end" x={base} y={14} textAnchor="middle">
        Base
      </text>
      <text className="schematic-end" x={destination} y={14} textAnchor="middle">
        Customer
      </text>
      {placed.map((entry, index) => (
        <DroneLane key={entry.drone.courierId} entry={entry} y={24 + lane * index + lane / 2} />
      ))}
    </svg>
  );
}

function DroneLane({ entry, y }: { readonly entry: PlacedDrone; readonly y: number }) {
  const { drone, delivery, position } = entry;
  const progress = position.progress;
  const x = base + (destination - base) * (progress ?? 0.5);
  const heading = position.phase === "returning" ? -1 : 1;
  return (
    <g
      className={`drone-lane phase-${position.phase}${progress === undefined ? " position-unknown" : ""}`}
      data-drone={drone.courierId}
      data-phase={position.phase}
      data-progress={progress === undefined ? "unknown" : progress.toFixed(3)}
    >
      <text className="lane-label" x={8} y={y + 4}>
        {drone.name.length > 14 ? `${drone.name.slice(0, 13)}…` : drone.name}
      </text>
      <line className="lane-track" x1={base} y1={y} x2={destination} y2={y} />
      <circle className="lane-base" cx={base} cy={y} r={5} />
      <circle className="lane-destination" cx={destination} cy={y} r={5} />
      <g className="drone" transform={`translate(${x.toFixed(1)} ${y})`}>
        <polygon points={heading > 0 ? "-9,-7 9,0 -9,7" : "9,-7 -9,0 9,7"} />
        {delivery && position.phase !== "base" && (
          <text className="drone-order" y={-11} textAnchor="middle">
            {shortId(delivery.orderId)}
          </text>
        )}
      </g>
      <title>
        {`${drone.name}: ${position.phase}${progress === undefined ? "" : ` ${Math.round(progress * 100)}% of the way out`}`}
      </title>
    </g>
  );
}
