import { fromJson, type JsonObject, toJson } from "@bufbuild/protobuf";
import { type DeliveryAddress, DeliveryAddressSchema } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";

/** A delivery address as stored: its protobuf JSON form (`{}` when the order had none). */
export function storedDeliveryAddress(address: DeliveryAddress | undefined): string {
  return JSON.stringify(address ? toJson(DeliveryAddressSchema, address) : {});
}

/** A stored delivery address as the contract's message; fields added later are ignored. */
export function deliveryAddressFromStored(stored: unknown): DeliveryAddress {
  return fromJson(DeliveryAddressSchema, stored as JsonObject, { ignoreUnknownFields: true });
}
