import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { type Customer, CustomerSchema } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import type { CustomerRow } from "../storage/index.js";

/** A customer row as a `Customer`. */
export function toCustomer(row: CustomerRow): Customer {
  return create(CustomerSchema, {
    customerId: row.customer_id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    createTime: timestampFromDate(row.created_at),
    updateTime: timestampFromDate(row.updated_at),
  });
}
