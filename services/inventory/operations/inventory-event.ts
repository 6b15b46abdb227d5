import type { DescMessage, MessageShape } from "@bufbuild/protobuf";
import type { EventInput } from "../../kit/events/index.js";

/** An event of any inventory type, ready for the outbox. */
export type InventoryEvent = EventInput<DescMessage>;

/** Which aggregate an event is about (`brand/SKU` for an item, the order id for a reservation) and its brand. */
export interface EventTarget {
  readonly aggregateId: string;
  readonly tenant: string;
}

/**
 * An inventory event for the outbox, typed by its schema.
 *
 * @example
 * inventoryEvent(StockChangedSchema, create(StockChangedSchema, { entry, stock }), { aggregateId: "acme/MUG", tenant: "acme" })
 */
export function inventoryEvent<Desc extends DescMessage>(
  schema: Desc,
  payload: MessageShape<Desc>,
  target: EventTarget,
): InventoryEvent {
  return { schema, payload, ...target } as InventoryEvent;
}

/** The target of an item's events: `brand/SKU`, in the brand's tenancy. */
export function itemTarget(brandId: string, sku: string): EventTarget {
  return { aggregateId: `${brandId}/${sku}`, tenant: brandId };
}
