import { describe, expect, it } from "vitest";
import { createEndpointBalancer } from "./endpoint-balancer.js";

const endpoints = (...keys: string[]) => keys.map((key) => ({ key }));

function setUp(...keys: string[]) {
  let time = 0;
  const balancer = createEndpointBalancer<{ key: string }>({
    now: () => time,
    backoff: { initialMs: 1_000, maxMs: 5_000 },
  });
  balancer.update(endpoints(...keys));
  const picks = (count: number, excluded?: ReadonlySet<string>) =>
    Array.from({ length: count }, () => balancer.pick(excluded)?.key);
  return { balancer, picks, advance: (ms: number) => (time += ms) };
}

describe("endpoint balancer", () => {
  it("takes the endpoints in turn, skipping the excluded", () => {
    const { picks } = setUp("a", "b", "c");
    expect(picks(7)).toEqual(["a", "b", "c", "a", "b", "c", "a"]);
    expect(picks(3, new Set(["c"]))).toEqual(["b", "a", "b"]);
    expect(picks(1, new Set(["a", "b", "c"]))).toEqual([undefined]);
  });

  it("sets a failed endpoint aside, doubling with each failure in a row, and takes it back after", () => {
    const { balancer, picks, advance } = setUp("a", "b");
    balancer.failed("a");
    expect(balancer.isSetAside("a")).toBe(true);
    expect(picks(3)).toEqual(["b", "b", "b"]);
    advance(999);
    expect(picks(1)).toEqual(["b"]);
    advance(1);
    expect(balancer.isSetAside("a")).toBe(false);
    expect(picks(2)).toEqual(["a", "b"]);
    // It fails again on its return: two seconds this time, then four, then the five-second cap.
    for (const ms of [2_000, 4_000, 5_000, 5_000]) {
      balancer.failed("a");
      advance(ms - 1);
      expect(balancer.isSetAside("a")).toBe(true);
      advance(1);
      expect(balancer.isSetAside("a")).toBe(false);
    }
    // Reached: its failures are forgotten, the next one costs a second again.
    balancer.reached("a");
    balancer.failed("a");
    advance(1_000);
    expect(balancer.isSetAside("a")).toBe(false);
  });

  it("with every endpoint set aside, tries the one whose time is up first", () => {
    const { balancer, picks, advance } = setUp("a", "b");
    balancer.failed("a");
    balancer.failed("a");
    advance(500);
    balancer.failed("b");
    // a until 2,000, b until 1,500.
    expect(picks(2)).toEqual(["b", "b"]);
    expect(picks(1, new Set(["b"]))).toEqual(["a"]);
    expect(balancer.pick(new Set(), true)).toBeUndefined();
    advance(1_000);
    expect(balancer.pick(new Set(), true)?.key).toBe("b");
  });

  it("keeps the state and the turn of the endpoints an update keeps, adds new ones and drops gone ones", () => {
    const { balancer, picks } = setUp("a", "b", "c");
    balancer.failed("c");
    expect(picks(1)).toEqual(["a"]);
    balancer.update(endpoints("d", "b", "c"));
    expect(balancer.endpoints().map((e) => e.key)).toEqual(["d", "b", "c"]);
    expect(balancer.isSetAside("c")).toBe(true);
    // b was next: the update does not send the next call back to the start.
    expect(picks(3)).toEqual(["b", "d", "b"]);
    balancer.update(endpoints("d"));
    expect(picks(2)).toEqual(["d", "d"]);
    expect(balancer.isSetAside("c")).toBe(false);
  });
});
