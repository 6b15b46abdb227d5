// @vitest-environment happy-dom
import { OrderStatus } from "@waybill/sdk/orders";
import { describe, expect, it } from "vitest";
import type { RoleName } from "../../session/session.js";
import { allowedMoves, boardStatuses, canCancel, canReturn, listedStatuses } from "./order-status.js";

const roles: readonly RoleName[] = ["admin", "brand", "partner", "service", "courier", "customer"];

describe("allowedMoves", () => {
  it("offers the kitchen moves only, one step at a time, to the roles UpdateOrderStatus accepts", () => {
    for (const role of roles) {
      for (const status of listedStatuses) {
        const kitchen = role === "admin" || role === "brand" || role === "partner";
        const expected = !kitchen
          ? []
          : status === OrderStatus.PLACED
            ? [OrderStatus.PREPARING]
            : status === OrderStatus.PREPARING
              ? [OrderStatus.READY_FOR_DISPATCH]
              : [];
        expect(allowedMoves(status, role), `${role} from ${OrderStatus[status]}`).toEqual(expected);
      }
    }
  });
});

describe("canCancel and canReturn", () => {
  it("cancels before delivery and never after an end", () => {
    const cancellable = listedStatuses.filter((status) => canCancel(status, "brand"));
    expect(cancellable).toEqual([
      OrderStatus.PLACED,
      OrderStatus.PREPARING,
      OrderStatus.READY_FOR_DISPATCH,
      OrderStatus.DISPATCHED,
      OrderStatus.EN_ROUTE,
    ]);
    expect(canCancel(OrderStatus.PLACED, "courier")).toBe(false);
    expect(canCancel(OrderStatus.PLACED, "customer")).toBe(true);
  });

  it("returns lines of delivered orders only, for the brand's side", () => {
    expect(listedStatuses.filter((status) => canReturn(status, "partner"))).toEqual([OrderStatus.DELIVERED]);
    expect(canReturn(OrderStatus.DELIVERED, "customer")).toBe(false);
  });

  it("lays the board out from placement to delivery", () => {
    expect(boardStatuses).toEqual([
      OrderStatus.PLACED,
      OrderStatus.PREPARING,
      OrderStatus.READY_FOR_DISPATCH,
      OrderStatus.DISPATCHED,
      OrderStatus.EN_ROUTE,
      OrderStatus.DELIVERED,
    ]);
  });
});
