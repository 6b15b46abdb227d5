// @vitest-environment happy-dom
import { create } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { OrderStatus, OrderStatusChangeSchema, Role } from "@waybill/sdk/orders";
import { describe, expect, it } from "vitest";
import { actorText, timelineOf } from "./timeline.js";

const at = Date.UTC(2026, 2, 1, 9, 30);
const change = (sequence: number, from: OrderStatus, to: OrderStatus, actorRole: Role, actor: string) =>
  create(OrderStatusChangeSchema, {
    sequence,
    fromStatus: from,
    toStatus: to,
    actorRole,
    actor,
    changeTime: timestampFromMs(at + sequence * 60_000),
  });

describe("timelineOf", () => {
  it("puts the log oldest first, with status, actor and time", () => {
    const entries = timelineOf(
      [
        change(2, OrderStatus.PLACED, OrderStatus.PREPARING, Role.BRAND, "dev-brand-acme"),
        change(1, OrderStatus.UNSPECIFIED, OrderStatus.PLACED, Role.CUSTOMER, "c-1"),
      ],
      (date) => date.toISOString(),
    );
    expect(entries).toEqual([
      {
        key: "1",
        status: "Placed",
        from: undefined,
        actor: "customer c-1",
        time: "2026-03-01T09:31:00.000Z",
        reason: "",
      },
      {
        key: "2",
        status: "Preparing",
        from: "Placed",
        actor: "brand dev-brand-acme",
        time: "2026-03-01T09:32:00.000Z",
        reason: "",
      },
    ]);
  });

  it("names the role alone when the subject is empty, and an operator for an admin", () => {
    expect(actorText({ actor: "", actorRole: Role.COURIER })).toBe("courier");
    expect(actorText({ actor: "ops", actorRole: Role.ADMIN })).toBe("operator ops");
    expect(actorText({ actor: "", actorRole: Role.UNSPECIFIED })).toBe("system");
  });
});
