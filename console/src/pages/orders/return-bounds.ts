import type { OrderLine } from "@waybill/sdk/orders";

/** Units of a line that may still come back: delivered minus already returned. */
export function returnableUnits(line: Pick<OrderLine, "quantity" | "returnedQuantity">): bigint {
  const left = line.quantity - line.returnedQuantity;
  return left > 0n ? left : 0n;
}

/** A typed return quantity, read: nothing to return, a number of units, or why it is refused. */
export type ReturnQuantity =
  | { readonly kind: "none" }
  | { readonly kind: "units"; readonly units: bigint }
  | { readonly kind: "invalid"; readonly message: string };

/**
 * Reads the quantity typed for a line: empty or 0 returns nothing; otherwise a whole number from 1
 * to what is left on the line (the server refuses more with FAILED_PRECONDITION).
 */
export function readReturnQuantity(
  text: string,
  line: Pick<OrderLine, "quantity" | "returnedQuantity">,
): ReturnQuantity {
  const trimmed = text.trim();
  if (trimmed === "" || /^0+$/.test(trimmed)) return { kind: "none" };
  if (!/^\d{1,10}$/.test(trimmed)) return { kind: "invalid", message: "enter a whole number of units" };
  const units = BigInt(trimmed);
  const left = returnableUnits(line);
  if (units > left) return { kind: "invalid", message: `at most ${left} left to return` };
  return { kind: "units", units };
}
