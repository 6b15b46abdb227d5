import type { MessageInitShape } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import {
  AssignmentStatus,
  type Courier,
  CourierAvailability,
  CourierState,
  type WatchFleetRequestSchema,
} from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import type { Waybill } from "@waybill/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitUntil } from "../support/index.js";
import { type FleetHarness, startFleetHarness } from "./helpers/fleet-harness.js";

// WatchFleet for the courier role: a courier follows its own state live (its app needs no
// polling), and only its own; its streams count against MAX_STREAMS_PER_PRINCIPAL like anyone's.
let h: FleetHarness;

beforeAll(async () => {
  h = await startFleetHarness({ env: { MAX_STREAMS_PER_PRINCIPAL: "2" } });
});
afterAll(() => h?.stop());

type Request = MessageInitShape<typeof WatchFleetRequestSchema>;

/** A WatchFleet call read in the background. */
interface Watch {
  /** What it received, in order. */
  readonly seen: Courier[];
  /** Settles when it ends: its error, or undefined once cancelled (or ended by the server). */
  readonly ended: Promise<ConnectError | undefined>;
  /** Whether it has ended. */
  over(): boolean;
  cancel(): void;
}

function watch(client: Waybill, request: Request): Watch {
  const abort = new AbortController();
  const seen: Courier[] = [];
  let over = false;
  const ended = (async () => {
    for await (const { courier } of client.fleet.watchFleet(request, { signal: abort.signal })) seen.push(courier!);
  })()
    .then(
      () => undefined,
      (error: unknown) => (abort.signal.aborted ? undefined : ConnectError.from(error)),
    )
    .finally(() => {
      over = true;
    });
  return { seen, ended, over: () => over, cancel: () => abort.abort() };
}

/** Waits for a received courier matching `match` and returns it; fails if the watch ends first. */
async function received(w: Watch, match: (courier: Courier) => boolean, what: string): Promise<Courier> {
  await waitUntil(
    async () => w.seen.some(match) || w.over(),
    (done) => done,
    what,
  );
  const found = w.seen.find(match);
  if (!found) throw new Error(`the watch ended before ${what}: ${String(await w.ended)}`);
  return found;
}

describe("WatchFleet as a courier", () => {
  it("streams the courier's own state, then its own changes: availability and a new assignment", async () => {
    const rider = await h.courier("rider", "self-watch", { capacity: 2 });
    const neighbour = await h.courier("rider", "self-watch", { availability: CourierAvailability.OFFLINE });
    const client = await h.asCourier(rider.courierId);
    const w = watch(client, { courierIds: [rider.courierId] });
    await received(w, (c) => c.state === CourierState.READY && c.activeAssignments === 0, "the snapshot");

    await client.fleet.setCourierAvailability({
      courierId: rider.courierId,
      availability: CourierAvailability.OFFLINE,
      idempotencyKey: `off-${rider.courierId}`,
    });
    await received(w, (c) => c.state === CourierState.OFFLINE, "OFFLINE");
    await client.fleet.setCourierAvailability({
      courierId: rider.courierId,
      availability: CourierAvailability.ONLINE,
      idempotencyKey: `on-${rider.courierId}`,
    });
    // Another courier's change, made before the watched one's last: it must never reach this watch.
    await h.admin.fleet.setCourierAvailability({
      courierId: neighbour.courierId,
      availability: CourierAvailability.MAINTENANCE,
      idempotencyKey: `maintenance-${neighbour.courierId}`,
    });
    const orderId = await h.ready("self-watch");
    const loaded = await received(w, (c) => c.activeAssignments === 1, "the new assignment");
    w.cancel();
    expect(await w.ended).toBeUndefined();

    expect(loaded).toMatchObject({ courierId: rider.courierId, state: CourierState.READY });
    expect(w.seen.every((c) => c.courierId === rider.courierId)).toBe(true);
    const versions = w.seen.map((c) => Number(c.version));
    expect(versions).toEqual([...new Set(versions)].sort((a, b) => a - b));
    expect((await h.assignment(orderId)).status).toBe(AssignmentStatus.ASSIGNED);
  });

  it.each<[string, (self: string, other: string) => Request]>([
    ["another courier", (_self, other) => ({ courierIds: [other] })],
    ["the whole fleet (no ids)", () => ({})],
    ["a zone", () => ({ zone: "self-watch" })],
    ["itself and another", (self, other) => ({ courierIds: [self, other] })],
  ])("refuses a courier watching %s with PERMISSION_DENIED", async (_what, request) => {
    const rider = await h.courier("rider", "refused");
    const other = await h.courier("rider", "refused");
    const client = await h.asCourier(rider.courierId);
    const w = watch(client, request(rider.courierId, other.courierId));
    const error = await w.ended;
    expect(error?.code).toBe(Code.PermissionDenied);
    expect(error?.rawMessage).toBe(`a courier watches only itself - set courier_ids to exactly [${rider.courierId}]`);
    expect(w.seen).toEqual([]);
  });

  it("counts a courier's streams against MAX_STREAMS_PER_PRINCIPAL, refusals giving their slot back", async () => {
    const rider = await h.courier("rider", "capped");
    const other = await h.courier("rider", "capped");
    const client = await h.asCourier(rider.courierId);
    for (let i = 0; i < 3; i++) {
      expect((await watch(client, { courierIds: [other.courierId] }).ended)?.code).toBe(Code.PermissionDenied);
    }
    const open = [watch(client, { courierIds: [rider.courierId] }), watch(client, { courierIds: [rider.courierId] })];
    for (const w of open) await received(w, (c) => c.courierId === rider.courierId, "the snapshot");
    expect((await watch(client, { courierIds: [rider.courierId] }).ended)?.code).toBe(Code.ResourceExhausted);

    // Another courier keeps its own count.
    const theirs = watch(await h.asCourier(other.courierId), { courierIds: [other.courierId] });
    await received(theirs, (c) => c.courierId === other.courierId, "the other courier's snapshot");
    for (const w of [...open, theirs]) {
      w.cancel();
      expect(await w.ended).toBeUndefined();
    }
  });
});
