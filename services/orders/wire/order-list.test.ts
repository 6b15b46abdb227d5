import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { SortDirection } from "@waybill/contracts/waybill/common/v1/pagination_pb.js";
import {
  ListOrdersRequestSchema,
  OrderSortField,
  OrderStatus,
} from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import { describe, expect, it } from "vitest";
import { orderListFromProto } from "./order-list.js";

describe("orderListFromProto", () => {
  it("sorts by creation time, newest first, unless asked otherwise", () => {
    const filter = orderListFromProto(create(ListOrdersRequestSchema, {}), { brandId: "acme" });
    expect(filter).toEqual({ brandId: "acme", statuses: [], sort: "created_at", descending: true });
  });

  it("names the sort, the statuses once each in a stable order and the creation window", () => {
    const after = new Date("2026-01-02T03:04:05.678Z");
    const request = create(ListOrdersRequestSchema, {
      statuses: [OrderStatus.PLACED, OrderStatus.CANCELLED, OrderStatus.PLACED],
      sortField: OrderSortField.TOTAL,
      sortDirection: SortDirection.ASCENDING,
      createdAfter: timestampFromDate(after),
    });
    expect(orderListFromProto(request, { customerId: "c" })).toEqual({
      customerId: "c",
      statuses: ["cancelled", "placed"],
      createdAfter: after,
      sort: "total_minor",
      descending: false,
    });
    const byUpdate = create(ListOrdersRequestSchema, { sortField: OrderSortField.UPDATE_TIME });
    expect(orderListFromProto(byUpdate, {}).sort).toBe("updated_at");
  });
});
