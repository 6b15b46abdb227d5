import type { DescMessage, MessageShape } from "@bufbuild/protobuf";
import { type Kysely, type RawBuilder, sql } from "kysely";
import type { EventInput, Outbox } from "../../kit/events/index.js";
import type { InventoryDatabase } from "./inventory-database.js";

/** An event of any inventory type, ready for the outbox. */
export type InventoryEvent = EventInput<DescMessage>;

/**
 * The kit's outbox, with the form Inventory's single-statement writes need: the INSERT of the
 * events' rows as raw SQL, to be combined with the ledger and snapshot rows in one statement.
 */
export interface EventOutbox {
  /** Appends the events in `trx` with one statement; they become visible, and wake the relay, on commit. */
  append(trx: Kysely<InventoryDatabase>, events: readonly InventoryEvent[]): Promise<void>;
  /**
   * The INSERT of the events' outbox rows, for a caller that writes them in one statement with
   * other rows (see `writeStockRecords`); `undefined` for no events. Its `pg_notify` is the
   * caller's ({@link EventOutbox.notify}).
   */
  insert(events: readonly InventoryEvent[]): RawBuilder<unknown> | undefined;
  /** `pg_notify` of the outbox channel, delivered on commit to wake the relay. */
  readonly notify: RawBuilder<unknown>;
}

/**
 * Wraps the kit's outbox of the inventory schema; the rows (envelope with the active trace
 * context, subject, headers) are built by the kit, so the relay publishes them like any other.
 *
 * @example
 * const events = createEventOutbox({ schema: "inventory", outbox: deps.outbox });
 * await events.append(trx, [inventoryEvent(StockChangedSchema, payload, target)]);
 */
export function createEventOutbox(options: { readonly schema: string; readonly outbox: Outbox }): EventOutbox {
  const { outbox } = options;
  return {
    insert: (events) => (events.length === 0 ? undefined : outbox.insert(events)),
    notify: sql`select ${outbox.notify}`,
    async append(trx, events) {
      await outbox.append(trx, ...events);
    },
  };
}

/**
 * An inventory event for {@link EventOutbox.append}, typed by its schema.
 *
 * @example
 * inventoryEvent(StockChangedSchema, create(StockChangedSchema, { entry, stock }), { aggregateId: "acme/MUG", tenant: "acme" })
 */
export function inventoryEvent<Desc extends DescMessage>(
  schema: Desc,
  payload: MessageShape<Desc>,
  target: { readonly aggregateId: string; readonly tenant: string },
): InventoryEvent {
  return { schema, payload, ...target } as InventoryEvent;
}
