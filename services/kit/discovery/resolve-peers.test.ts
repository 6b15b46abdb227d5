import { describe, expect, it } from "vitest";
import { parsePeerTargets } from "./peer-targets.js";
import { type LookupAll, resolvePeers, systemLookup } from "./resolve-peers.js";

/** A resolver answering from a table that the test changes, as DNS would over time. */
function tableLookup(table: Map<string, string[]>): LookupAll {
  return async (hostname) => {
    const addresses = table.get(hostname);
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    return addresses.map((address) => ({ address }));
  };
}

describe("resolvePeers", () => {
  it("keeps IP literals, turns a name into every address it has, one endpoint each", async () => {
    const targets = parsePeerTargets("http://10.0.0.9:8080,http://inventory:8080");
    const table = new Map([["inventory", ["10.0.0.5", "10.0.0.6"]]]);
    const { endpoints, failures } = await resolvePeers(targets, tableLookup(table));
    expect(failures).toEqual([]);
    expect(endpoints.map((e) => e.key)).toEqual([
      "http://10.0.0.9:8080 10.0.0.9",
      "http://inventory:8080 10.0.0.5",
      "http://inventory:8080 10.0.0.6",
    ]);
    expect(endpoints[1]?.target.hostname).toBe("inventory");
  });

  it("adds new addresses and drops gone ones when resolved again, keeping the last answer through a failure", async () => {
    const targets = parsePeerTargets("http://inventory:8080");
    const table = new Map([["inventory", ["10.0.0.5", "10.0.0.6"]]]);
    const lookup = tableLookup(table);
    const first = await resolvePeers(targets, lookup);
    table.set("inventory", ["10.0.0.6", "10.0.0.7"]);
    const second = await resolvePeers(targets, lookup, first.endpoints);
    expect(second.endpoints.map((e) => e.address)).toEqual(["10.0.0.6", "10.0.0.7"]);
    table.delete("inventory");
    const third = await resolvePeers(targets, lookup, second.endpoints);
    expect(third.endpoints.map((e) => e.address)).toEqual(["10.0.0.6", "10.0.0.7"]);
    expect(String(third.failures[0]?.error)).toContain("ENOTFOUND");
    expect(await resolvePeers(targets, lookup)).toMatchObject({ endpoints: [] });
  });

  it("asks the system resolver for every address of a name (getaddrinfo, /etc/hosts here)", async () => {
    const { endpoints } = await resolvePeers(parsePeerTargets("http://localhost:8080"), systemLookup);
    expect(endpoints.length).toBeGreaterThan(0);
    expect(endpoints.map((e) => e.address)).toContain("127.0.0.1");
  });
});
