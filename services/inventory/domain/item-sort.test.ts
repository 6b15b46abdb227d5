import { describe, expect, it } from "vitest";
import { itemListScope } from "./item-sort.js";

describe("itemListScope", () => {
  const filter = { brandId: "acme", query: "mug", lowStockOnly: false };
  const sort = { key: "name", descending: false } as const;

  it("is the same for the same query and differs for any other filter or sort", () => {
    const scope = itemListScope(filter, sort);
    expect(itemListScope({ ...filter }, { ...sort })).toBe(scope);
    const others = [
      itemListScope({ ...filter, brandId: undefined }, sort),
      itemListScope({ ...filter, query: "mugs" }, sort),
      itemListScope({ ...filter, lowStockOnly: true }, sort),
      itemListScope(filter, { ...sort, key: "sku" }),
      itemListScope(filter, { ...sort, descending: true }),
    ];
    expect(new Set([scope, ...others]).size).toBe(6);
  });
});
