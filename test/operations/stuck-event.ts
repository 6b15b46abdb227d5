import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { itemRequest } from "../support/fixtures.js";
import { schemaSql } from "../support/schema-sql.js";
import type { WaybillAccess } from "../support/test-waybill.js";

/** The consumer the fault is aimed at: Notifications' activity feed of Inventory's events. */
export const stuckConsumer = "notifications-activity-inventory";

/** A brand whose `ItemCreated` one consumer keeps failing on until released (see {@link stickEvent}). */
export interface StuckEvent {
  /** The brand (unique per call) whose item's creation is stuck. */
  readonly brandId: string;
  /** The SKU created. */
  readonly sku: string;
  readonly consumer: string;
  /** Removes the fault: from now on the consumer handles the event like any other. */
  release(): Promise<void>;
  /** Whether the consumer has processed the event (the brand's activity holds it). */
  processed(): Promise<boolean>;
  /** Closes the database connections (and removes the fault if still there). */
  close(): Promise<void>;
}

/**
 * Creates an item of a new brand through Inventory's RPC, and makes Notifications' activity
 * consumer fail on its `ItemCreated`, every time, until released: a trigger on the activity table
 * (a real PostgreSQL error inside the handler's transaction) refuses that brand's rows. After its
 * last delivery (5, over about 21 s of backoff) JetStream dead-letters it with reason
 * MAX_DELIVERIES; the other consumers are untouched. No mock: the relay, consumer, streams and
 * dead-letter stream are the real ones.
 *
 * @example
 * const stuck = await stickEvent(waybill);
 */
export async function stickEvent(waybill: Pick<WaybillAccess, "env" | "as">): Promise<StuckEvent> {
  const brandId = `stuck-${randomBytes(4).toString("hex")}`;
  const trigger = `refuse_${brandId.replaceAll("-", "_")}`;
  const db = schemaSql<unknown>(waybill.env.databaseUrl, "notifications");
  // The function and trigger live in the test's own database, named after the brand.
  await sql
    .raw(
      `create function notifications.${trigger}() returns trigger language plpgsql as $$
       begin
         if new.brand_id = '${brandId}' and new.event_type = 'waybill.inventory.v1.ItemCreated' then
           raise exception 'test fault: no activity for %', new.brand_id;
         end if;
         return new;
       end $$;
       create trigger ${trigger} before insert on notifications.activity
         for each row execute function notifications.${trigger}();`,
    )
    .execute(db);
  const sku = "STUCK-1";
  const admin = await waybill.as("admin");
  await admin.inventory.createItem(itemRequest(brandId, sku));
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    await sql
      .raw(`drop trigger ${trigger} on notifications.activity; drop function notifications.${trigger}();`)
      .execute(db);
  };
  return {
    brandId,
    sku,
    consumer: stuckConsumer,
    release,
    async processed() {
      const { rows } = await sql<{ found: number }>`
        select count(*)::int as found from notifications.activity
        where brand_id = ${brandId} and event_type = 'waybill.inventory.v1.ItemCreated'`.execute(db);
      return (rows[0]?.found ?? 0) > 0;
    },
    async close() {
      await release();
      await db.destroy();
    },
  };
}
