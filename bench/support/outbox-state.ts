import { type Queryable, qualified } from "./bench-database.js";

/** One service schema's outbox at one moment. */
export interface OutboxState {
  readonly schema: string;
  /** The highest row number written so far (it grows with every row written, published or not). */
  readonly rows: number;
  /** Rows whose `published_at` is still null. */
  readonly unpublished: number;
}

/**
 * Counts every outbox row and the unpublished ones of each of `schemas`, in one statement (one
 * snapshot of the database).
 */
export async function readOutboxes(db: Queryable, schemas: readonly string[]): Promise<OutboxState[]> {
  if (schemas.length === 0) return [];
  const parts = schemas.map(
    (schema, i) =>
      // Index-only reads (the unique seq, the partial index of unpublished rows): a look every
      // 50 ms must not load the database the consumers being waited for work on.
      `select $${i + 1}::text as schema, coalesce((select max(seq) from ${qualified(schema, "outbox")}), 0)::int as rows,
         (select count(*) from ${qualified(schema, "outbox")} where published_at is null)::int as unpublished`,
  );
  const { rows } = await db.query<OutboxState>(parts.join(" union all "), [...schemas]);
  return rows;
}
