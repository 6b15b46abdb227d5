// @vitest-environment happy-dom
import { create } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { cleanup, render, screen } from "@testing-library/react";
import { AssignmentSchema, AssignmentStatus, CourierKind, CourierSchema, CourierState } from "@waybill/sdk/fleet";
import { afterEach, describe, expect, it } from "vitest";
import { emptyFlightMemory } from "./fleet-model.js";
import { FlightSchematic } from "./flight-schematic.js";
import { FlightTrack } from "./flight-track.js";

afterEach(cleanup);

const drone = (courierId: string, state: CourierState, changedMs: number) =>
  create(CourierSchema, {
    courierId,
    name: courierId,
    zone: "mitte",
    kind: CourierKind.DRONE,
    capacity: 1,
    state,
    stateChangeTime: timestampFromMs(changedMs),
  });

const lane = (courierId: string) => document.querySelector(`[data-drone="${courierId}"]`);

describe("FlightSchematic", () => {
  it("puts each drone on its lane where its flight's times place it now", () => {
    const now = Date.now();
    const flying = create(AssignmentSchema, {
      orderId: "0f1e2d3c-0000-4000-8000-000000000001",
      zone: "mitte",
      status: AssignmentStatus.EN_ROUTE,
      courierId: "out",
      pickupTime: timestampFromMs(now - 5_000),
      estimatedArrivalTime: timestampFromMs(now + 5_000),
    });
    render(
      <FlightSchematic
        zone="mitte"
        drones={[
          drone("out", CourierState.EN_ROUTE, now - 5_000),
          drone("home", CourierState.READY, now - 60_000),
          drone("lost", CourierState.RETURNING, now - 1_000),
        ]}
        assignments={[flying]}
        memory={emptyFlightMemory}
      />,
    );
    expect(screen.getByRole("img", { name: "Drone flights of zone mitte" })).toBeTruthy();
    expect(lane("out")?.getAttribute("data-phase")).toBe("outbound");
    expect(Number(lane("out")?.getAttribute("data-progress"))).toBeCloseTo(0.5, 1);
    expect(lane("out")?.textContent).toContain("0f1e2d3c");
    expect(lane("home")?.getAttribute("data-phase")).toBe("base");
    expect(lane("home")?.getAttribute("data-progress")).toBe("0.000");
    // Flying back from a flight the page never saw, in a zone of unknown travel time: not placed.
    expect(lane("lost")?.getAttribute("data-phase")).toBe("returning");
    expect(lane("lost")?.getAttribute("data-progress")).toBe("unknown");
  });
});

describe("FlightTrack", () => {
  it("draws one flight and says where the drone is", () => {
    const now = Date.now();
    render(<FlightTrack times={{ leg: "outbound", departMs: now - 2_500, arriveMs: now + 7_500 }} label="Flight" />);
    const track = screen.getByTestId("order-flight");
    expect(track.getAttribute("data-phase")).toBe("outbound");
    expect(screen.getByText(/^Flying out · 2[56]% of the way out$/)).toBeTruthy();
  });
});
