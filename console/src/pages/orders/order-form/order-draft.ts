import type { MessageInitShape } from "@bufbuild/protobuf";
import type { PlaceOrderRequestSchema } from "@waybill/sdk/orders";
import type { FieldMap, PathViolation } from "../../../forms/field-errors.js";

/** One line of the form as typed: a SKU and a quantity (text until sent). */
export interface DraftLine {
  readonly sku: string;
  readonly quantity: string;
}

/** The delivery address as typed, field by field (DeliveryAddress). */
export interface DraftAddress {
  readonly recipientName: string;
  readonly line1: string;
  readonly line2: string;
  readonly city: string;
  readonly postalCode: string;
  readonly countryCode: string;
  readonly phone: string;
  readonly instructions: string;
}

/** Everything the order form holds before it becomes a PlaceOrder request. */
export interface OrderDraft {
  readonly brandId: string;
  readonly customerId: string;
  readonly deliveryZone: string;
  readonly lines: readonly DraftLine[];
  readonly address: DraftAddress;
  readonly promoCode: string;
}

/** A line with nothing typed yet. */
export const emptyLine: DraftLine = { sku: "", quantity: "1" };

/** A form with nothing typed yet but one line. */
export const emptyDraft: OrderDraft = {
  brandId: "",
  customerId: "",
  deliveryZone: "",
  lines: [emptyLine],
  address: {
    recipientName: "",
    line1: "",
    line2: "",
    city: "",
    postalCode: "",
    countryCode: "",
    phone: "",
    instructions: "",
  },
  promoCode: "",
};

/** The form field of line `index`'s SKU or quantity (as the field map and the inputs name it). */
export function lineField(index: number, part: "sku" | "quantity"): string {
  return `line-${index}-${part}`;
}

/** The request's paths to the form's fields, for `fieldErrorsOf`, with one pair per line. */
export function orderFieldMap(lineCount: number): FieldMap {
  const map: Record<string, string> = {
    brand_id: "brand",
    customer_id: "customer",
    delivery_zone: "zone",
    lines: "lines",
    "delivery_address.recipient_name": "recipient",
    "delivery_address.line1": "line1",
    "delivery_address.line2": "line2",
    "delivery_address.city": "city",
    "delivery_address.postal_code": "postal-code",
    "delivery_address.country_code": "country",
    "delivery_address.phone": "phone",
    "delivery_address.instructions": "instructions",
    promo_code: "promo-code",
  };
  for (let index = 0; index < lineCount; index++) {
    map[`lines[${index}].sku`] = lineField(index, "sku");
    map[`lines[${index}].quantity`] = lineField(index, "quantity");
  }
  return map;
}

/** A typed quantity as units: whole digits only (`"3"`), else `undefined`. */
export function parseQuantity(text: string): bigint | undefined {
  const trimmed = text.trim();
  return /^\d{1,15}$/.test(trimmed) ? BigInt(trimmed) : undefined;
}

/**
 * The PlaceOrder request of a draft (without its idempotency key), with what cannot even be put
 * in it: a quantity that is not a whole number is sent as 0 (which the contract refuses too) and
 * reported as a violation of its own, so the field says what is wrong in words for it.
 */
export function draftRequest(draft: OrderDraft): {
  /** The request to send, without its idempotency key (set when sending). */
  readonly init: MessageInitShape<typeof PlaceOrderRequestSchema>;
  readonly violations: readonly PathViolation[];
} {
  const violations: PathViolation[] = [];
  const lines = draft.lines.map((line, index) => {
    const quantity = parseQuantity(line.quantity);
    if (quantity === undefined) {
      violations.push({ field: `lines[${index}].quantity`, message: "enter a whole number of units" });
    }
    return { sku: line.sku.trim(), quantity: quantity ?? 0n };
  });
  const address = draft.address;
  return {
    init: {
      brandId: draft.brandId.trim(),
      customerId: draft.customerId.trim(),
      lines,
      deliveryZone: draft.deliveryZone.trim(),
      deliveryAddress: {
        recipientName: address.recipientName.trim(),
        line1: address.line1.trim(),
        line2: address.line2.trim(),
        city: address.city.trim(),
        postalCode: address.postalCode.trim(),
        countryCode: address.countryCode.trim().toUpperCase(),
        phone: address.phone.trim(),
        instructions: address.instructions.trim(),
      },
      promoCode: draft.promoCode.trim(),
    },
    violations,
  };
}
