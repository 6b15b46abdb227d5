import { describe, expect, it } from "vitest";
import {
  assertTransition,
  decideTransition,
  isFinalStatus,
  type OrderStatusName,
  orderStatuses,
  type TransitionSource,
} from "./order-status.js";

/** The whole machine, written out independently of the implementation's table. */
const expected: Readonly<Record<string, TransitionSource>> = {
  "placed>preparing": "kitchen",
  "preparing>ready_for_dispatch": "kitchen",
  "ready_for_dispatch>dispatched": "fleet",
  "dispatched>en_route": "fleet",
  "en_route>delivered": "fleet",
  "placed>cancelled": "cancel",
  "preparing>cancelled": "cancel",
  "ready_for_dispatch>cancelled": "cancel",
  "dispatched>cancelled": "cancel",
  "en_route>cancelled": "cancel",
  "delivered>returned": "return",
};
const sources: readonly TransitionSource[] = ["kitchen", "fleet", "cancel", "return"];

describe("decideTransition", () => {
  it("checks every pair of statuses for every source", () => {
    let allowed = 0;
    for (const from of orderStatuses) {
      for (const to of orderStatuses) {
        for (const source of sources) {
          const decision = decideTransition(from, to, source);
          const ok = expected[`${from}>${to}`] === source;
          expect(decision.allowed, `${from} to ${to} by ${source}`).toBe(ok);
          if (ok) allowed++;
        }
      }
    }
    expect(allowed).toBe(Object.keys(expected).length);
  });

  it("names the current and the requested status when refusing", () => {
    expect(decideTransition("placed", "delivered", "kitchen")).toEqual({
      allowed: false,
      message: "order is PLACED and cannot move to DELIVERED",
    });
    const wrongSource = decideTransition("ready_for_dispatch", "dispatched", "kitchen");
    expect(wrongSource).toEqual({
      allowed: false,
      message: "order is READY_FOR_DISPATCH and moves to DISPATCHED only by Fleet delivery events",
    });
    expect(decideTransition("delivered", "cancelled", "cancel")).toMatchObject({
      message: "order is DELIVERED and cannot move to CANCELLED",
    });
  });

  it("keeps refusal messages free of characters gRPC clients decode badly", () => {
    for (const from of orderStatuses) {
      for (const to of orderStatuses) {
        for (const source of sources) {
          const decision = decideTransition(from, to, source);
          if (!decision.allowed) expect(decision.message).not.toMatch(/[:/,?]/);
        }
      }
    }
  });

  it("throws a failed_precondition DomainError from assertTransition", () => {
    expect(() => assertTransition("cancelled", "placed", "kitchen")).toThrow(
      expect.objectContaining({ kind: "failed_precondition" }),
    );
    expect(() => assertTransition("placed", "preparing", "kitchen")).not.toThrow();
  });

  it("treats CANCELLED and RETURNED as final and nothing else", () => {
    const finals = orderStatuses.filter((status: OrderStatusName) => isFinalStatus(status));
    expect(finals).toEqual(["cancelled", "returned"]);
  });
});
