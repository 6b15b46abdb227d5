import { create } from "@bufbuild/protobuf";
import { type BrandContact, BrandContactSchema } from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import { optionalTimestamp } from "../../kit/wire/index.js";
import type { BrandContactRow } from "../storage/index.js";

/** A contact row as the contract's BrandContact. */
export function toBrandContact(row: BrandContactRow): BrandContact {
  return create(BrandContactSchema, {
    brandId: row.brand_id,
    email: row.email,
    name: row.name,
    updateTime: optionalTimestamp(row.updated_at),
  });
}
