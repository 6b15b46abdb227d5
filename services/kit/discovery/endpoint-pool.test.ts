import { Code, ConnectError } from "@connectrpc/connect";
import { describe, expect, it } from "vitest";
import { createEndpointPool } from "./endpoint-pool.js";
import { parsePeerTargets } from "./peer-targets.js";
import type { LookupAll } from "./resolve-peers.js";

/** A pool over `http://inventory:8080` whose DNS answers from `table` and counts its lookups. */
function setUp(table: Map<string, string[]>) {
  let time = 0;
  let lookups = 0;
  const lookup: LookupAll = async (host) => {
    lookups++;
    const addresses = table.get(host);
    if (!addresses) throw new Error(`getaddrinfo ENOTFOUND ${host}`);
    return addresses.map((address) => ({ address }));
  };
  const pool = createEndpointPool({
    targets: parsePeerTargets("http://inventory:8080"),
    lookup,
    now: () => time,
    refreshIntervalMs: 0,
  });
  return { pool, lookups: () => lookups, advance: (ms: number) => (time += ms) };
}

const addresses = (pool: ReturnType<typeof setUp>["pool"]) => pool.endpoints().map((e) => e.address);

describe("endpoint pool", () => {
  it("resolves on first use and again when asked, adding and dropping addresses", async () => {
    const table = new Map([["inventory", ["10.0.0.5", "10.0.0.6"]]]);
    const { pool, lookups } = setUp(table);
    expect(addresses(pool)).toEqual([]);
    await pool.ready();
    expect(addresses(pool)).toEqual(["10.0.0.5", "10.0.0.6"]);
    await pool.ready();
    expect(lookups()).toBe(1);
    table.set("inventory", ["10.0.0.6", "10.0.0.7"]);
    await pool.refresh();
    expect(addresses(pool)).toEqual(["10.0.0.6", "10.0.0.7"]);
    expect(pool.pick(new Set())?.endpoint.address).toBe("10.0.0.6");
    pool.close();
  });

  it("resolves again after a failed connection, at most once a second", async () => {
    const table = new Map([["inventory", ["10.0.0.5", "10.0.0.6"]]]);
    const { pool, lookups, advance } = setUp(table);
    await pool.ready();
    const key = pool.pick(new Set())?.endpoint.key ?? "";
    pool.failed(key);
    expect(lookups()).toBe(1);
    advance(1_000);
    table.set("inventory", ["10.0.0.6"]);
    pool.failed(key);
    await expect.poll(() => addresses(pool)).toEqual(["10.0.0.6"]);
    expect(lookups()).toBe(2);
    pool.close();
  });

  it("answers UNAVAILABLE while no name resolves, and recovers when one does", async () => {
    const table = new Map<string, string[]>();
    const { pool, advance } = setUp(table);
    const error = await pool.ready().catch((e: unknown) => e);
    expect(ConnectError.from(error).code).toBe(Code.Unavailable);
    expect(ConnectError.from(error).rawMessage).toBe("no address found for inventory");
    table.set("inventory", ["10.0.0.5"]);
    advance(1_000);
    await pool.ready();
    expect(addresses(pool)).toEqual(["10.0.0.5"]);
    pool.close();
  });
});
