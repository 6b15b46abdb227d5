import type { Queryable } from "./bench-database.js";
import { type CheckResult, checkOf } from "./check-result.js";

/**
 * Each reservation move (reserve, release, commit) reached the ledger at most once per order and
 * SKU: a confirmation or release applied twice, by the RPC and again by its event, would show as a
 * second entry. (The reference starts with the order id; a note may follow it.)
 */
export async function checkStockMovesOnce(db: Queryable): Promise<CheckResult> {
  const { rows } = await db.query(
    `select brand_id, sku, reason, split_part(reference, ' ', 1) as order_id, count(*)::int as entries
     from inventory.ledger where reason in ('reserve', 'release', 'commit')
     group by brand_id, sku, reason, split_part(reference, ' ', 1) having count(*) > 1`,
  );
  const { rows: counted } = await db.query<{ moves: number }>(
    "select count(*)::int as moves from inventory.ledger where reason in ('reserve', 'release', 'commit')",
  );
  return checkOf(
    "stock-moves-once",
    "at most one ledger entry per order, SKU and move (reserve, release, commit)",
    rows,
    { moves: counted[0]?.moves ?? 0 },
  );
}

/**
 * Notifications' effects happened once per event: no two notifications of one event on one
 * channel to one recipient, and no event twice in the activity feed. (Both are unique in the schema
 * today; the check keeps holding whatever the storage becomes.)
 */
export async function checkNotificationsOnce(db: Queryable): Promise<CheckResult> {
  const { rows } = await db.query(
    `select 'notification' as kind, event_id, channel || ' ' || recipient as target, count(*)::int as copies
     from notifications.notifications group by event_id, channel, recipient having count(*) > 1
     union all
     select 'activity', event_id, '', count(*)::int from notifications.activity group by event_id having count(*) > 1`,
  );
  const { rows: counted } = await db.query<{ notifications: number; activity: number }>(
    `select (select count(*)::int from notifications.notifications) as notifications,
            (select count(*)::int from notifications.activity) as activity`,
  );
  return checkOf(
    "notifications-once",
    "one notification per event, channel and recipient, and one activity line per event",
    rows,
    { ...counted[0] },
  );
}

/**
 * Once drained, every OrderPlaced event produced exactly one `order_placed` email (to the order's
 * customer, all of whom the bench creates with an address): none means an event lost, two an
 * effect applied twice.
 */
export async function checkOrderPlacedEmails(db: Queryable): Promise<CheckResult> {
  const { rows } = await db.query(
    `select e.id as event_id, e.aggregate_id as order_id, count(n.notification_id)::int as emails
     from orders.outbox e
     left join notifications.notifications n on n.event_id = e.id and n.template = 'order_placed'
     where e.event_type like '%.OrderPlaced'
     group by e.id, e.aggregate_id having count(n.notification_id) <> 1`,
  );
  const { rows: counted } = await db.query<{ events: number }>(
    "select count(*)::int as events from orders.outbox where event_type like '%.OrderPlaced'",
  );
  return checkOf("order-placed-emails", "exactly one order_placed email per OrderPlaced event", rows, {
    events: counted[0]?.events ?? 0,
  });
}
