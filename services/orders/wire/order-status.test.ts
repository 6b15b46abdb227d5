import { Role } from "@waybill/contracts/waybill/common/v1/auth_pb.js";
import { OrderStatus } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import { describe, expect, it } from "vitest";
import { roleNames } from "../../kit/auth/index.js";
import { DomainError } from "../../kit/errors/index.js";
import { orderStatuses } from "../domain/index.js";
import { statusFromProto, statusToProto } from "./order-status.js";
import { roleToProto } from "./role.js";

describe("order status names", () => {
  it("map every stored status to its own contract value and back", () => {
    const values = orderStatuses.map(statusToProto);
    expect(new Set(values).size).toBe(orderStatuses.length);
    expect(values).not.toContain(OrderStatus.UNSPECIFIED);
    expect(values.map(statusFromProto)).toEqual([...orderStatuses]);
    expect(statusToProto("ready_for_dispatch")).toBe(OrderStatus.READY_FOR_DISPATCH);
  });

  it("write the placement's empty 'from' as UNSPECIFIED and refuse to store UNSPECIFIED", () => {
    expect(statusToProto("")).toBe(OrderStatus.UNSPECIFIED);
    expect(() => statusFromProto(OrderStatus.UNSPECIFIED)).toThrow(DomainError);
  });
});

describe("role names", () => {
  it("map every role of tokens to its contract value, anything else to UNSPECIFIED", () => {
    expect(new Set(roleNames.map(roleToProto)).size).toBe(roleNames.length);
    expect(roleToProto("courier")).toBe(Role.COURIER);
    expect(roleToProto("constructor")).toBe(Role.UNSPECIFIED);
    expect(roleToProto("")).toBe(Role.UNSPECIFIED);
  });
});
