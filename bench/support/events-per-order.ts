import { type Queryable, qualified } from "./bench-database.js";

/** Events written to the outboxes during a run, per order placed. */
export interface EventsPerOrder {
  /** Orders placed in the run (warm-up included: their events are in the window too). */
  readonly orders: number;
  /** Outbox rows of every service written in the window. */
  readonly events: number;
  /** `events / orders`, two decimals. */
  readonly perOrder: number;
  /** Per event type (its short name, e.g. `OrderPlaced`), per order, two decimals. */
  readonly byType: Readonly<Record<string, number>>;
}

/** Outbox rows written in `[from, to]` by every schema, counted per event type. */
export async function countEvents(
  db: Queryable,
  schemas: readonly string[],
  from: Date,
  to: Date,
): Promise<Map<string, number>> {
  if (schemas.length === 0) return new Map();
  const union = schemas
    .map((schema) => `select event_type from ${qualified(schema, "outbox")} where created_at between $1 and $2`)
    .join(" union all ");
  const { rows } = await db.query<{ event_type: string; events: number }>(
    `select event_type, count(*)::int as events from (${union}) e group by event_type order by event_type`,
    [from, to],
  );
  return new Map(rows.map((row) => [row.event_type, row.events]));
}

/** Divides event counts (by fully-qualified type) by the orders that caused them. */
export function eventsPerOrder(counts: ReadonlyMap<string, number>, orders: number): EventsPerOrder {
  const per = (n: number) => (orders === 0 ? 0 : Math.round((n / orders) * 100) / 100);
  const events = [...counts.values()].reduce((sum, n) => sum + n, 0);
  const byShortName = new Map<string, number>();
  for (const [type, n] of counts) {
    const short = type.slice(type.lastIndexOf(".") + 1);
    byShortName.set(short, (byShortName.get(short) ?? 0) + n);
  }
  const byType = Object.fromEntries([...byShortName].map(([short, n]) => [short, per(n)]));
  return { orders, events, perOrder: per(events), byType };
}

/**
 * Orders per second of the steady scenario that produce about `eventsPerSecond` events, given
 * `perOrder` events per order measured before (at least one order a second).
 */
export function steadyOrderRate(perOrder: number, eventsPerSecond: number): number {
  if (!(perOrder > 0)) return Math.max(1, eventsPerSecond);
  return Math.max(1, Math.round((eventsPerSecond / perOrder) * 10) / 10);
}
