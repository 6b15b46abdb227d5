import { createClient } from "@connectrpc/connect";
import { InventoryService } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import { sdkInterceptors, type Waybill } from "@waybill/sdk";
import { createWaybill } from "@waybill/sdk/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTokenIssuer } from "../../services/kit/auth/index.js";
import {
  createBalancingTransport,
  createEndpointPool,
  type EndpointPool,
  type LookupAll,
  parsePeerTargets,
} from "../../services/kit/discovery/index.js";
import {
  allPages,
  createIsolatedEnvironment,
  freePort,
  type IsolatedEnvironment,
  orderRequest,
  spawnWaybill,
  stockedItem,
  type WaybillProcess,
  waitUntil,
} from "../support/index.js";

// Replicas found by the caller: two real Inventory processes (127.0.0.1 and 127.0.0.2, one port,
// as two pods behind one name) and one Orders process whose INVENTORY_URL lists a dead address and
// both. Which replica served a call is read from its own RPC log lines. The DNS case runs in this
// process with an injected lookup ("inventory.test" to both addresses): this machine has no name
// with two addresses (`getent ahosts localhost` answers 127.0.0.1 only).
const secret = "peer-discovery-secret-of-32-chars";
const brand = "disc";
const reserveLine = '"method":"waybill.inventory.v1.InventoryService/ReserveStock","code":"ok"';
const getStockLine = '"method":"waybill.inventory.v1.InventoryService/GetStock","code":"ok"';

let env: IsolatedEnvironment;
let port: number;
let first: WaybillProcess;
let second: WaybillProcess;
let orders: WaybillProcess;
let admin: Waybill;
/** The same without retries: what succeeds through it was never refused. */
let adminOnce: Waybill;
let customerId: string;
const pools: EndpointPool[] = [];

/** How many lines of `line` a process has logged. */
const count = (process: WaybillProcess, line: string) => process.output().split(line).length - 1;

beforeAll(async () => {
  env = await createIsolatedEnvironment();
  port = await freePort();
  const inventory = (host: string) =>
    spawnWaybill(env, { SERVICES: "inventory", HOST: host, AUTH_SECRET: secret, LOG_LEVEL: "info" }, [], { port });
  first = await inventory("127.0.0.1");
  second = await inventory("127.0.0.2");
  const dead = await freePort();
  orders = await spawnWaybill(env, {
    SERVICES: "orders",
    AUTH_SECRET: secret,
    INVENTORY_URL: `http://127.0.0.1:${dead}, http://127.0.0.1:${port},http://127.0.0.2:${port}`,
  });
  const token = await createTokenIssuer(secret).sign({ subject: "ops", role: "admin" });
  admin = createWaybill({ baseUrl: orders.url, token, retry: { maxAttempts: 5 } });
  adminOnce = createWaybill({ baseUrl: orders.url, token, retry: false });
  const inventoryAdmin = createWaybill({ baseUrl: second.url, token });
  await stockedItem(inventoryAdmin, brand, "TEA", 10_000);
  customerId = crypto.randomUUID();
  await admin.orders.createCustomer({
    customerId,
    name: "Ada",
    email: `ada-${customerId.slice(0, 8)}@example.com`,
    idempotencyKey: `customer-${customerId}`,
  });
}, 120_000);
afterAll(async () => {
  for (const pool of pools) pool.close();
  await Promise.all([orders?.kill("SIGTERM"), first?.kill("SIGTERM"), second?.kill("SIGTERM")]);
  await env?.cleanup();
});

/** Order ids by idempotency key, of every PlaceOrder that answered. */
const placed = new Map<string, string>();

async function place(key: string, client = admin): Promise<void> {
  const { order } = await client.orders.placeOrder(orderRequest(customerId, brand, [["TEA", 1]], key));
  if (!order) throw new Error(`PlaceOrder ${key} answered without an order`);
  placed.set(key, order.orderId);
}

/** A client of Inventory over `inventory.test`, which the injected lookup maps to `addresses`. */
async function inventoryByName(addresses: string[]) {
  const lookup: LookupAll = async (host) =>
    host === "inventory.test" ? addresses.map((address) => ({ address })) : Promise.reject(new Error("ENOTFOUND"));
  const pool = createEndpointPool({ targets: parsePeerTargets(`http://inventory.test:${port}`), lookup });
  pools.push(pool);
  const token = await createTokenIssuer(secret).sign({ subject: "ops", role: "admin" });
  const transport = createBalancingTransport({
    baseUrl: `http://inventory.test:${port}`,
    pool,
    interceptors: sdkInterceptors({ baseUrl: "", token, retry: false }),
  });
  return { pool, inventory: createClient(InventoryService, transport) };
}

describe("peer discovery between real processes", () => {
  it("balances Orders' reservations over both Inventory replicas, passing over the dead address", async () => {
    const before = [count(first, reserveLine), count(second, reserveLine)];
    // No retries: Orders itself passes over the dead address, first in its list.
    for (let i = 0; i < 8; i++) await place(`warm-${i}`, adminOnce);
    const served = [count(first, reserveLine) - (before[0] ?? 0), count(second, reserveLine) - (before[1] ?? 0)];
    expect(served[0]).toBeGreaterThan(0);
    expect(served[1]).toBeGreaterThan(0);
    expect((served[0] ?? 0) + (served[1] ?? 0)).toBe(8);
  });

  it("balances over every address of a host name", async () => {
    const { inventory } = await inventoryByName(["127.0.0.1", "127.0.0.2"]);
    const before = [count(first, getStockLine), count(second, getStockLine)];
    for (let i = 0; i < 6; i++) await inventory.getStock({ brandId: brand, sku: "TEA" });
    // The log line is written as the call ends: wait for the last ones.
    await waitUntil(
      async () => [count(first, getStockLine) - (before[0] ?? 0), count(second, getStockLine) - (before[1] ?? 0)],
      (served) => served[0] === 3 && served[1] === 3,
      "three GetStock calls logged by each replica",
    );
  });

  it("keeps placing orders while a replica is killed, each order once", async () => {
    const byName = await inventoryByName(["127.0.0.1", "127.0.0.2"]);
    let killed = false;
    let stop = false;
    const outcomes: { key: string; afterKill: boolean; error?: unknown }[] = [];
    const worker = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const key = `load-${w}-${i}`;
        const afterKill = killed;
        try {
          await place(key);
          outcomes.push({ key, afterKill });
        } catch (error) {
          outcomes.push({ key, afterKill, error });
        }
      }
    };
    const workers = [worker(0), worker(1), worker(2)];
    await waitUntil(
      async () => outcomes.length,
      (n) => n >= 6,
      "orders placed before the kill",
      60_000,
    );
    const servedBefore = count(second, reserveLine);
    await first.kill("SIGKILL");
    killed = true;
    await waitUntil(
      async () => outcomes.filter((o) => o.afterKill).length,
      (n) => n >= 30,
      "orders placed after the kill",
      120_000,
    );
    stop = true;
    await Promise.all(workers);

    // Every call begun after the kill succeeded (the SDK retried whatever came back UNAVAILABLE).
    expect(outcomes.filter((o) => o.afterKill && o.error !== undefined).map((o) => String(o.error))).toEqual([]);
    expect(count(second, reserveLine)).toBeGreaterThanOrEqual(servedBefore + 30);
    // A call that was in flight at the kill may have failed: sent again with its key, it succeeds.
    for (const failed of outcomes.filter((o) => o.error !== undefined)) await place(failed.key);

    // Each key placed one order, and no order exists that a key did not answer with.
    const orderIds = [...placed.values()];
    expect(new Set(orderIds).size).toBe(placed.size);
    const listed = await allPages(async (pageToken) => {
      const page = await admin.orders.listOrders({ brandId: brand, page: { pageSize: 500, pageToken } });
      return [page.orders, page.page?.nextPageToken];
    });
    expect(listed.map((order) => order.orderId).sort()).toEqual(orderIds.sort());

    // The name still lists the dead address: its client (no retries) passes over it without an error.
    for (let i = 0; i < 4; i++) await byName.inventory.getStock({ brandId: brand, sku: "TEA" });
    expect(byName.pool.endpoints()).toHaveLength(2);
  }, 240_000);

  it("drops an address the name no longer lists and picks up one it lists again", async () => {
    const addresses = ["127.0.0.1", "127.0.0.2"];
    const { pool, inventory } = await inventoryByName(addresses);
    await inventory.getStock({ brandId: brand, sku: "TEA" });
    addresses.splice(0, 1);
    await pool.refresh();
    expect(pool.endpoints().map((e) => e.address)).toEqual(["127.0.0.2"]);
    // The killed replica's address again (as a rescheduled pod): refused, set aside, the call goes on.
    addresses.push("127.0.0.1");
    await pool.refresh();
    expect(pool.endpoints().map((e) => e.address)).toEqual(["127.0.0.2", "127.0.0.1"]);
    for (let i = 0; i < 4; i++) {
      const { stock } = await inventory.getStock({ brandId: brand, sku: "TEA" });
      expect(stock?.sku).toBe("TEA");
    }
  });
});
