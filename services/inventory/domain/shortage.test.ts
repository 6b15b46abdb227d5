import { describe, expect, it } from "vitest";
import { findShortages, shortageMessage } from "./shortage.js";

describe("findShortages", () => {
  it("lists every SKU with less available than requested, unknown levels counting as zero", () => {
    const requested = [
      { sku: "A", quantity: 3 },
      { sku: "B", quantity: 2 },
      { sku: "C", quantity: 1 },
    ];
    expect(
      findShortages(
        requested,
        new Map([
          ["A", 1],
          ["B", 2],
        ]),
      ),
    ).toEqual([
      { sku: "A", requested: 3, available: 1 },
      { sku: "C", requested: 1, available: 0 },
    ]);
    expect(
      findShortages(
        requested,
        new Map([
          ["A", 3],
          ["B", 9],
          ["C", 1],
        ]),
      ),
    ).toEqual([]);
  });

  it("says it without characters grpc-js mangles", () => {
    const message = shortageMessage([
      { sku: "A", requested: 3, available: 1 },
      { sku: "B", requested: 2, available: 0 },
    ]);
    expect(message).toBe("not enough stock of A (3 requested and 1 available) and B (2 requested and 0 available)");
    expect(message).not.toMatch(/[:/,?]/);
  });
});
