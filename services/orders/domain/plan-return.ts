import { DomainError, failedPrecondition } from "../../kit/errors/index.js";

/** An order line as far as returns are concerned. */
export interface ReturnableLine {
  readonly lineNumber: number;
  readonly sku: string;
  readonly quantity: number;
  readonly returnedQuantity: number;
  readonly unitPriceMinor: number;
}

/** A quantity of a line asked to come back. */
export interface ReturnRequestLine {
  readonly lineNumber: number;
  readonly quantity: number;
}

/** A quantity of a line that comes back, with its value. */
export interface PlannedReturnLine {
  readonly lineNumber: number;
  readonly sku: string;
  readonly quantity: number;
  readonly amountMinor: number;
}

/** What a return changes. */
export interface ReturnPlan {
  readonly lines: readonly PlannedReturnLine[];
  readonly amountMinor: number;
  /** True when, after this return, every unit of every line has come back. */
  readonly fullyReturned: boolean;
}

/**
 * Plans a per-line return of a delivered order: each named line must exist and may give back at
 * most what is left on it (ordered minus already returned). The order is fully returned when no
 * unit is left on any line.
 *
 * @example
 * planReturn([{ lineNumber: 1, sku: "TEA", quantity: 3, returnedQuantity: 1, unitPriceMinor: 200 }], [{ lineNumber: 1, quantity: 2 }]);
 * // { lines: [{ lineNumber: 1, sku: "TEA", quantity: 2, amountMinor: 400 }], amountMinor: 400, fullyReturned: true }
 */
export function planReturn(lines: readonly ReturnableLine[], requested: readonly ReturnRequestLine[]): ReturnPlan {
  const byNumber = new Map(lines.map((line) => [line.lineNumber, line]));
  const returning = new Map<number, number>();
  const planned = requested.map((request): PlannedReturnLine => {
    const line = byNumber.get(request.lineNumber);
    if (!line) throw new DomainError("invalid_argument", `the order has no line ${request.lineNumber}`);
    const left = line.quantity - line.returnedQuantity - (returning.get(line.lineNumber) ?? 0);
    if (request.quantity > left) {
      throw failedPrecondition(
        `line ${line.lineNumber} (${line.sku}) has ${left} units left to return but ${request.quantity} were returned`,
      );
    }
    returning.set(line.lineNumber, (returning.get(line.lineNumber) ?? 0) + request.quantity);
    return {
      lineNumber: line.lineNumber,
      sku: line.sku,
      quantity: request.quantity,
      amountMinor: request.quantity * line.unitPriceMinor,
    };
  });
  const fullyReturned = lines.every(
    (line) => line.returnedQuantity + (returning.get(line.lineNumber) ?? 0) === line.quantity,
  );
  return { lines: planned, amountMinor: planned.reduce((sum, line) => sum + line.amountMinor, 0), fullyReturned };
}
