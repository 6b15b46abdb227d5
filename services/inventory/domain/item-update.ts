import { DomainError } from "../../kit/errors/index.js";

/** Fields of an item that UpdateItem may change, as named in its update mask. */
export type UpdatableItemField = "name" | "unit_price" | "low_stock_threshold";

const updatable: readonly UpdatableItemField[] = ["name", "unit_price", "low_stock_threshold"];

/** The values of an UpdateItem request (read only for fields named in the mask). */
export interface ItemUpdateInput {
  readonly paths: readonly string[];
  readonly name: string;
  readonly unitPrice: { readonly currencyCode: string; readonly minorUnits: number } | undefined;
  readonly lowStockThreshold: number;
}

/** Column values to store, and the fields they change. */
export interface ItemUpdatePlan {
  readonly changes: {
    readonly name?: string;
    readonly currency_code?: string;
    readonly unit_price_minor?: number;
    readonly low_stock_threshold?: number;
  };
  readonly changedFields: readonly UpdatableItemField[];
}

/**
 * Applies a field mask: only the named fields change. Paths may be written in snake_case (as in
 * the contract) or camelCase (as in JSON). Throws an `invalid_argument` {@link DomainError} for an
 * empty mask, a field that cannot be changed, an empty name or a missing price.
 *
 * @example
 * planItemUpdate({ paths: ["name"], name: "Mug", unitPrice: undefined, lowStockThreshold: 0 })
 * // => { changes: { name: "Mug" }, changedFields: ["name"] }
 */
export function planItemUpdate(input: ItemUpdateInput): ItemUpdatePlan {
  const fields = [...new Set(input.paths.map(toSnakeCase))];
  if (fields.length === 0) {
    throw new DomainError(
      "invalid_argument",
      "update_mask must name at least one of name and unit_price and low_stock_threshold",
    );
  }
  const unknown = fields.find((field) => !(updatable as readonly string[]).includes(field));
  if (unknown !== undefined) {
    throw new DomainError(
      "invalid_argument",
      `update_mask names ${unknown} which cannot be changed - use name or unit_price or low_stock_threshold`,
    );
  }
  const changedFields = fields as UpdatableItemField[];
  const changes: { -readonly [K in keyof ItemUpdatePlan["changes"]]: ItemUpdatePlan["changes"][K] } = {};
  if (changedFields.includes("name")) {
    if (input.name.trim() === "")
      throw new DomainError("invalid_argument", "name must not be empty when update_mask names it");
    changes.name = input.name;
  }
  if (changedFields.includes("unit_price")) {
    if (!input.unitPrice) throw new DomainError("invalid_argument", "unit_price is required when update_mask names it");
    changes.currency_code = input.unitPrice.currencyCode;
    changes.unit_price_minor = input.unitPrice.minorUnits;
  }
  if (changedFields.includes("low_stock_threshold")) changes.low_stock_threshold = input.lowStockThreshold;
  return { changes, changedFields };
}

function toSnakeCase(path: string): string {
  return path.trim().replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}
