import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { StockShortageSchema } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import { describe, expect, it } from "vitest";
import { DomainError, failedPrecondition } from "../errors/index.js";
import { keyReused } from "./read-stored-answer.js";
import { isDefinitiveRefusal, isStoredAnswer, refusalError, toStoredRefusal } from "./stored-refusal.js";

const shortage = { skus: [{ sku: "SKU-C", requested: 3n, available: 2n }] };

describe("stored refusals", () => {
  it("answer the same code, message and details as the refusal they store", () => {
    const fromDomain = failedPrecondition("not enough stock of SKU-C", [
      { desc: StockShortageSchema, value: shortage },
    ]);
    const fromPeer = new ConnectError("not enough stock of SKU-C", Code.FailedPrecondition, undefined, [
      { desc: StockShortageSchema, value: shortage },
    ]);
    for (const error of [fromDomain, fromPeer]) {
      const stored = JSON.parse(JSON.stringify(toStoredRefusal(error)));
      const replayed = refusalError(stored);
      expect(replayed.code).toBe(Code.FailedPrecondition);
      expect(replayed.rawMessage).toBe("not enough stock of SKU-C");
      expect(replayed.findDetails(StockShortageSchema)).toEqual([create(StockShortageSchema, shortage)]);
      expect(isStoredAnswer(replayed)).toBe(true);
    }
  });

  it("are only the definitive refusals, never a transient failure nor a replayed answer", () => {
    expect(isDefinitiveRefusal(failedPrecondition("state"))).toBe(true);
    expect(isDefinitiveRefusal(new DomainError("invalid_argument", "bad"))).toBe(true);
    expect(isDefinitiveRefusal(new DomainError("not_found", "gone"))).toBe(false);
    expect(isDefinitiveRefusal(new DomainError("not_found", "gone"), [Code.NotFound])).toBe(true);
    for (const code of [Code.Unavailable, Code.Aborted, Code.DeadlineExceeded, Code.Canceled, Code.Internal])
      expect(isDefinitiveRefusal(new ConnectError("transient", code))).toBe(false);
    expect(isDefinitiveRefusal(new Error("unexpected"))).toBe(false);
    expect(isStoredAnswer(keyReused("k"))).toBe(true);
  });
});
