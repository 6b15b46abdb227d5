import { create } from "@bufbuild/protobuf";
import { type Money, MoneySchema } from "@waybill/sdk/campaigns";
import { parseMinorUnits } from "../items/money.js";

/** A budget's amount as the form shows it: `1000.00` (exact, from minor units). */
export function budgetText(money: Money | undefined): string {
  if (!money) return "";
  const units = money.minorUnits < 0n ? -money.minorUnits : money.minorUnits;
  return `${money.minorUnits < 0n ? "-" : ""}${units / 100n}.${String(units % 100n).padStart(2, "0")}`;
}

/**
 * A budget typed in the form (`1500`, `1500.5`, `1500,50`) in `currency`; `undefined` when the
 * amount is not a number of the currency's units and cents.
 */
export function parseBudget(amount: string, currency: string): Money | undefined {
  const minorUnits = parseMinorUnits(amount);
  if (minorUnits === undefined) return undefined;
  return create(MoneySchema, { currencyCode: currency.trim().toUpperCase(), minorUnits });
}
