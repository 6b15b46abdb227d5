import type { DescService } from "@bufbuild/protobuf";
import { CampaignService } from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
import { FleetService } from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import { InventoryService } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import { NotificationService } from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import { OrderService } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import { expect, it } from "vitest";

const services: readonly DescService[] = [
  InventoryService,
  OrderService,
  FleetService,
  CampaignService,
  NotificationService,
];

it("every paged RPC has the shape paginate() pages through", () => {
  const paged: string[] = [];
  const unfit: string[] = [];
  for (const method of services.flatMap((service) => service.methods)) {
    const request = method.input.fields.find((field) => field.message?.typeName === "waybill.common.v1.PageRequest");
    if (method.name.startsWith("List") || request) paged.push(method.name);
    else continue;
    const pageResponse = method.output.fields.find(
      (field) => field.localName === "page" && field.message?.typeName === "waybill.common.v1.PageResponse",
    );
    const lists = method.output.fields.filter((field) => field.fieldKind === "list");
    const fits =
      request?.localName === "page" &&
      method.methodKind === "unary" &&
      pageResponse !== undefined &&
      lists.length === 1 &&
      lists[0]?.listKind === "message";
    if (!fits) unfit.push(method.name);
  }
  // The List RPCs and GetStockHistory; a new paged RPC of another shape fails here (document it in sdk/README.md).
  expect(paged).toEqual(expect.arrayContaining(["ListItems", "ListOrders", "ListActivity", "GetStockHistory"]));
  expect(unfit).toEqual([]);
});
