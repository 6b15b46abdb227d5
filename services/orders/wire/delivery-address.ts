import { fromJson, type JsonObject, toJson } from "@bufbuild/protobuf";
import { type DeliveryAddress, DeliveryAddressSchema } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import type { DeliveryAddressJson } from "../storage/index.js";

/** A delivery address in its stored (protobuf JSON) form. */
export function addressToJson(address: DeliveryAddress): string {
  return JSON.stringify(toJson(DeliveryAddressSchema, address));
}

/** A stored delivery address as the message. */
export function addressFromJson(json: DeliveryAddressJson): DeliveryAddress {
  return fromJson(DeliveryAddressSchema, json as JsonObject);
}
