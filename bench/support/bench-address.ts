import type { MessageInitShape } from "@bufbuild/protobuf";
import type { DeliveryAddressSchema } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";

/** Where every benchmark order goes: only its validity matters. */
export const benchAddress: MessageInitShape<typeof DeliveryAddressSchema> = {
  recipientName: "Bench",
  line1: "1 Bench Street",
  city: "Benchville",
  postalCode: "1000",
  countryCode: "NL",
};
