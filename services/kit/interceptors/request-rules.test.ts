import { create } from "@bufbuild/protobuf";
import { pathToString } from "@bufbuild/protobuf/reflect";
import type { Violation } from "@bufbuild/protovalidate";
import { RegisterWebhookRequestSchema } from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import { ListOrdersRequestSchema } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import { describe, expect, it } from "vitest";
import { controlCharacterViolation } from "./control-characters.js";
import { timestampRangeViolation } from "./timestamp-range.js";
import { walkRequest } from "./walk-request.js";

function violations(schema: Parameters<typeof walkRequest>[0], message: Parameters<typeof walkRequest>[1]) {
  const found: Violation[] = [];
  walkRequest(schema, message, (visited) => {
    const violation = controlCharacterViolation(visited) ?? timestampRangeViolation(visited);
    if (violation) found.push(violation);
  });
  return found.map((violation) => [pathToString(violation.field), violation.ruleId]);
}

describe("the rules for every request", () => {
  it("name each string holding a control character, list items included, and let tab and line breaks through", () => {
    const request = create(RegisterWebhookRequestSchema, {
      brandId: "acme",
      description: "line one\r\nline\ttwo",
      eventTypes: ["waybill.orders.v1.OrderPlaced", "waybill.orders.v1.Order\u0000Placed"],
      idempotencyKey: "key\u007f",
    });
    expect(violations(RegisterWebhookRequestSchema, request)).toEqual([
      ["event_types[1]", "string.no_control_characters"],
      ["idempotency_key", "string.no_control_characters"],
    ]);
  });

  it("name each timestamp outside years 1 to 9999 or with nanos out of range", () => {
    const request = create(ListOrdersRequestSchema, {
      createdAfter: { seconds: 253_402_300_800n, nanos: 0 },
      createdBefore: { seconds: 253_402_300_799n, nanos: 999_999_999 },
    });
    expect(violations(ListOrdersRequestSchema, request)).toEqual([["created_after", "timestamp.valid_range"]]);
    const negativeNanos = create(ListOrdersRequestSchema, { createdAfter: { seconds: 0n, nanos: -1 } });
    expect(violations(ListOrdersRequestSchema, negativeNanos)).toEqual([["created_after", "timestamp.valid_range"]]);
  });
});
