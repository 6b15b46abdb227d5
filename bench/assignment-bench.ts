import { randomUUID } from "node:crypto";
import { CourierAvailability, CourierKind } from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import type { Waybill } from "@waybill/sdk";
import { createWaybill } from "@waybill/sdk/node";
import { pino } from "pino";
import { zoneLanes } from "../services/fleet/events/orders-consumer.js";
import { readAssignedAt } from "./support/assigned-at.js";
import { type AssignedWatcher, watchAssigned } from "./support/assigned-watcher.js";
import { type AssignmentCeiling, createAssignmentCeiling } from "./support/assignment-ceiling.js";
import { startBenchWaybill } from "./support/bench-waybill.js";
import { type RunStats, summarize } from "./support/latency-stats.js";
import { createReadyPublisher, type ReadyPublisher } from "./support/ready-publisher.js";
import { compareToCeiling, type ScenarioResult } from "./support/report.js";
import { runArrivals } from "./support/run-arrivals.js";
import { runLoad } from "./support/run-load.js";

/** Settings of the assignment benchmark. */
export interface AssignmentBenchOptions {
  /** Ready orders measured per path and scenario. */
  readonly orders: number;
  /** Zones the orders and riders are spread over. */
  readonly zones: number;
  /** Riders per scenario, round-robin over its zones; at least {@link ridersNeeded}. */
  readonly couriers: number;
  /** Ready orders per second of the steady scenario. */
  readonly ratePerSecond: number;
}

/** One scenario's result, with Fleet's own `assigned_at` beside the end-to-end time. */
export interface AssignmentScenarioResult extends ScenarioResult {
  /** Ready (published) to `assigned_at` written, inside Fleet's transaction: before commit and relay. */
  readonly waybillToAssignedAt: RunStats;
}

/**
 * Orders a rider carries at most (the contract's limit). The bench uses riders only: they move on
 * only when they report a pick-up, where drones fly on timers, so nothing but assignment runs.
 */
export const riderCapacity = 20;
/** Orders of the warm-up round (connections, JIT, caches), not measured; fewer when fewer are measured. */
const warmupOrders = 200;
/** A Waybill run gives up when no order has been assigned for this long. */
const stallMs = 30_000;
/** Ready events published at once, at most. */
const publishConcurrency = 32;

/** The fewest riders (a multiple of `zones`) with a free slot for each of `orders` spread over `zones`. */
export function ridersNeeded(orders: number, zones: number): number {
  return zones * Math.ceil(Math.ceil(orders / zones) / riderCapacity);
}

/**
 * Fleet's assignment of ready orders, end to end: Fleet runs alone in its own process; the bench
 * plays Orders, publishing OrderReadyForDispatch to the orders stream, and times each order from
 * its publish to its OrderAssigned arriving from Fleet's stream. A burst (every order ready at
 * once) gives orders assigned per second; a steady rate gives the time from ready to assigned.
 * Each is beside the raw ceiling, fed the same arrivals in the same run: the assignment
 * transaction straight at PostgreSQL with one connection per zone (up to Fleet's lanes), as
 * Fleet's consumer handles zones side by side and one zone's events one after another.
 */
export async function benchAssignment(options: AssignmentBenchOptions): Promise<AssignmentScenarioResult[]> {
  if (options.couriers < ridersNeeded(options.orders, options.zones)) {
    throw new RangeError(`${options.couriers} riders cannot take ${options.orders} orders over ${options.zones} zones`);
  }
  const warmup = Math.min(warmupOrders, options.orders);
  const zonesOf = (key: string) => Array.from({ length: options.zones }, (_, i) => `${key}-${i}`);
  const scenarios = [
    { name: `burst (${options.orders} at once)`, zones: zonesOf("burst"), rate: undefined },
    { name: `steady (${options.ratePerSecond}/s)`, zones: zonesOf("steady"), rate: options.ratePerSecond },
  ];
  const warmupZones = zonesOf("warmup");
  // Each group of zones (warm-up and each scenario) gets `couriers` riders: one rider per zone in turn.
  const allZones = [...warmupZones, ...scenarios.flatMap((s) => s.zones)];
  const riders = options.couriers * (1 + scenarios.length);
  // To stderr: stdout carries the results (JSON alone with --json).
  const logger = pino({ name: "bench", level: "warn" }, pino.destination(2));
  const waybill = await startBenchWaybill({ SERVICES: "fleet" });
  let publisher: ReadyPublisher | undefined;
  let watcher: AssignedWatcher | undefined;
  let ceiling: AssignmentCeiling | undefined;
  try {
    const admin = createWaybill({ baseUrl: waybill.url, token: await waybill.token("admin"), protocol: "grpc" });
    await registerRiders(admin, allZones, riders);
    publisher = await createReadyPublisher(waybill.env.natsUrl, waybill.env.prefix, logger);
    watcher = await watchAssigned(waybill.env.natsUrl, waybill.env.prefix, logger);
    const fleet = { publisher, watcher, databaseUrl: waybill.env.databaseUrl };
    await assignThroughFleet(fleet, "waybill warm-up", warmupZones, warmup, undefined);
    ceiling = createAssignmentCeiling(waybill.env.databaseUrl, Math.min(options.zones, zoneLanes));
    await ceiling.setup(allZones, riders, riderCapacity);
    await assignThroughCeiling(ceiling, "raw SQL warm-up", warmupZones, warmup, undefined);
    const results: AssignmentScenarioResult[] = [];
    for (const scenario of scenarios) {
      const measured = await assignThroughFleet(
        fleet,
        `waybill ${scenario.name}`,
        scenario.zones,
        options.orders,
        scenario.rate,
      );
      const ceilingStats = await assignThroughCeiling(
        ceiling,
        `raw SQL ${scenario.name}`,
        scenario.zones,
        options.orders,
        scenario.rate,
      );
      results.push({
        ...compareToCeiling(scenario.name, 1, measured.endToEnd, ceilingStats),
        waybillToAssignedAt: measured.toAssignedAt,
      });
    }
    return results;
  } finally {
    await ceiling?.close();
    await watcher?.close();
    await publisher?.close();
    await waybill.stop();
  }
}

/** Registers `riders` online riders of {@link riderCapacity}, one per zone in turn, as admin. */
async function registerRiders(admin: Waybill, zones: readonly string[], riders: number): Promise<void> {
  await runLoad({
    label: `registering ${riders} riders`,
    concurrency: 8,
    total: riders,
    operation: async (i) => {
      await admin.fleet.registerCourier({
        kind: CourierKind.RIDER,
        name: `Rider ${i}`,
        zone: zones[i % zones.length]!,
        capacity: riderCapacity,
        availability: CourierAvailability.ONLINE,
        idempotencyKey: `rider-${i}`,
      });
    },
  });
}

/** What a Fleet run needs: the bench's stand-in for Orders, its view of Fleet's events, and the database. */
interface FleetLink {
  readonly publisher: ReadyPublisher;
  readonly watcher: AssignedWatcher;
  readonly databaseUrl: string;
}

/**
 * Publishes `total` ready orders round-robin over `zones` (all at once, or `rate` a second) and
 * waits for their assignments. Throughput is over first publish to last OrderAssigned seen.
 */
async function assignThroughFleet(
  fleet: FleetLink,
  label: string,
  zones: readonly string[],
  total: number,
  rate: number | undefined,
) {
  const orderIds = Array.from({ length: total }, () => randomUUID());
  const readyAt: number[] = [];
  const readyWall: number[] = [];
  const publishing = runArrivals({
    label,
    total,
    ...(rate === undefined ? {} : { ratePerSecond: rate }),
    concurrency: publishConcurrency,
    progress: false,
    operation: async (i) => {
      readyAt[i] = performance.now();
      readyWall[i] = Date.now();
      await fleet.publisher.ready(orderIds[i]!, zones[i % zones.length]!);
    },
  });
  const seen = await fleet.watcher.waitFor(orderIds, label, stallMs);
  const published = await publishing;
  if (published.failed > 0)
    throw new Error(`${published.failed} ready events were not published: ${published.firstError}`);
  const assignedAt = await readAssignedAt(fleet.databaseUrl, orderIds);
  const sinceReady = (at: ReadonlyMap<string, number>, ready: readonly number[]) =>
    orderIds.flatMap((id, i) => (at.has(id) ? [at.get(id)! - ready[i]!] : []));
  // First ready to last assigned (reduce, not spread: a spread of many arguments overflows the stack).
  const span = (at: ReadonlyMap<string, number>, ready: readonly number[]) =>
    at.size === 0 ? 0 : [...at.values()].reduce((a, b) => Math.max(a, b)) - ready.reduce((a, b) => Math.min(a, b));
  return {
    endToEnd: summarize(sinceReady(seen, readyAt), total - seen.size, span(seen, readyAt)),
    toAssignedAt: summarize(sinceReady(assignedAt, readyWall), total - assignedAt.size, span(assignedAt, readyWall)),
  };
}

/** The same arrivals handed to the raw assignment transaction, zones side by side as in Fleet. */
async function assignThroughCeiling(
  ceiling: AssignmentCeiling,
  label: string,
  zones: readonly string[],
  total: number,
  rate: number | undefined,
): Promise<RunStats> {
  return runArrivals({
    label,
    total,
    ...(rate === undefined ? {} : { ratePerSecond: rate }),
    concurrency: Math.min(zones.length, zoneLanes),
    operation: (i) => ceiling.assign(zones[i % zones.length]!),
  });
}
