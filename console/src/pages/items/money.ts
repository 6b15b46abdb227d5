import type { Money } from "@waybill/sdk/inventory";

/** Money for people: `12.50 EUR` (two minor digits, as the currencies Waybill sells in use). */
export function formatMoney(money: Money | undefined): string {
  if (!money) return "—";
  const negative = money.minorUnits < 0n;
  const units = negative ? -money.minorUnits : money.minorUnits;
  const text = `${units / 100n}.${String(units % 100n).padStart(2, "0")}`;
  return `${negative ? "-" : ""}${text} ${money.currencyCode}`;
}

/** `12.5` or `12,50` to minor units (1250n); `undefined` for anything that is not a price. */
export function parseMinorUnits(text: string): bigint | undefined {
  const match = /^(\d{1,12})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!match) return undefined;
  return BigInt(match[1] ?? "0") * 100n + BigInt((match[2] ?? "").padEnd(2, "0"));
}
