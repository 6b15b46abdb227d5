// @vitest-environment happy-dom
import { create } from "@bufbuild/protobuf";
import { MoneySchema } from "@waybill/sdk/campaigns";
import { describe, expect, it } from "vitest";
import { formatMoney } from "../items/money.js";
import { budgetText, parseBudget } from "./budget.js";

const money = (minorUnits: bigint, currencyCode = "EUR") => create(MoneySchema, { currencyCode, minorUnits });

describe("budgets", () => {
  it("parses amounts with a dot or a comma into exact minor units, the currency in upper case", () => {
    expect(parseBudget("1500", "eur")).toMatchObject({ minorUnits: 150_000n, currencyCode: "EUR" });
    expect(parseBudget(" 1500.5 ", "EUR")?.minorUnits).toBe(150_050n);
    expect(parseBudget("0,07", "usd")).toMatchObject({ minorUnits: 7n, currencyCode: "USD" });
    expect(parseBudget("9999999999.99", "EUR")?.minorUnits).toBe(999_999_999_999n);
  });

  it("refuses what is not an amount", () => {
    for (const text of ["", "abc", "-5", "1.234", "1e3", "12.", "1 000"])
      expect(parseBudget(text, "EUR")).toBeUndefined();
  });

  it("shows a budget in the form and in tables without losing a cent", () => {
    expect(budgetText(money(150_050n))).toBe("1500.50");
    expect(budgetText(money(7n))).toBe("0.07");
    expect(budgetText(money(999_999_999_999n))).toBe("9999999999.99");
    expect(budgetText(undefined)).toBe("");
    expect(formatMoney(money(123_400n, "USD"))).toBe("1234.00 USD");
  });

  it("reads back what it shows", () => {
    const budget = money(123_456_789n);
    expect(parseBudget(budgetText(budget), budget.currencyCode)?.minorUnits).toBe(budget.minorUnits);
  });
});
