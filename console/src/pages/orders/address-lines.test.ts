import { create } from "@bufbuild/protobuf";
import { DeliveryAddressSchema } from "@waybill/sdk/orders";
import { describe, expect, it } from "vitest";
import { addressLines } from "./address-lines.js";

describe("addressLines", () => {
  it("leaves out empty parts and quotes the instructions", () => {
    const address = create(DeliveryAddressSchema, {
      recipientName: "Ada",
      line1: "Main St 1",
      postalCode: "10115",
      city: "Berlin",
      countryCode: "DE",
      instructions: "ring twice",
    });
    expect(addressLines(address)).toEqual(["Ada", "Main St 1", "10115 Berlin", "DE", "“ring twice”"]);
    expect(addressLines(undefined)).toEqual([]);
  });
});
