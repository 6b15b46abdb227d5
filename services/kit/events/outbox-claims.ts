import { sql } from "kysely";
import type { AnyDatabase } from "../database/index.js";

/** An outbox row a relay batch has claimed, with what it needs to publish it. */
export interface ClaimedOutboxRow {
  /** The event id, published as `Nats-Msg-Id`. */
  readonly id: string;
  readonly seq: number;
  readonly subject: string;
  readonly event_type: string;
  readonly aggregate_id: string;
  readonly payload: Uint8Array;
  readonly headers: Record<string, string>;
  /** When a relay first claimed the row (database clock): no copy in the stream is older. */
  readonly first_attempt_at: Date;
  /** How many times the row has been claimed, this claim included. */
  readonly attempts: number;
  /**
   * True when an earlier attempt may have stored the row so long ago that the stream's duplicate
   * window would no longer drop a republish: the stream must be searched before publishing.
   */
  readonly in_doubt: boolean;
}

/** What {@link claimOutboxRows} needs. */
export interface ClaimOptions {
  /** Identifies this batch; only a batch holding the token may mark or release its rows. */
  readonly token: string;
  readonly batchSize: number;
  /** How long the claim lasts, measured on the database clock. */
  readonly leaseMs: number;
  /** A row first claimed longer ago than this is {@link ClaimedOutboxRow.in_doubt}. */
  readonly inDoubtAfterMs: number;
}

/**
 * Claims up to `batchSize` unpublished rows of `schema`'s outbox, in `seq` order, that nobody
 * holds or whose lease has passed, in one statement (its own short transaction): it sets the
 * lease end and the token, and the first attempt time of rows claimed for the first time. Rows
 * another relay is claiming at the same moment are skipped, never waited for.
 *
 * @example
 * const rows = await claimOutboxRows(db, "orders", { token, batchSize: 100, leaseMs: 5_000, inDoubtAfterMs: 110_000 });
 */
export async function claimOutboxRows(
  db: AnyDatabase,
  schema: string,
  options: ClaimOptions,
): Promise<ClaimedOutboxRow[]> {
  const table = sql.table(`${schema}.outbox`);
  const { rows } = await sql<ClaimedOutboxRow>`
    with picked as (
      select id from ${table}
      where published_at is null and (claimed_until is null or claimed_until <= now())
      order by seq
      limit ${options.batchSize}
      for update skip locked
    )
    update ${table} as o
    set claimed_until = now() + make_interval(secs => ${options.leaseMs / 1000}),
        claim_token = ${options.token}::uuid,
        first_attempt_at = coalesce(o.first_attempt_at, now()),
        attempts = o.attempts + 1
    from picked
    where o.id = picked.id
    returning o.id, o.seq, o.subject, o.event_type, o.aggregate_id, o.payload, o.headers, o.first_attempt_at,
      o.attempts, o.first_attempt_at <= now() - make_interval(secs => ${options.inDoubtAfterMs / 1000}) as in_doubt`.execute(
    db,
  );
  return [...rows].sort((a, b) => a.seq - b.seq);
}

/**
 * Marks rows published, only those still holding `token`: a batch whose lease passed and whose
 * rows another relay claimed marks nothing, so it never overwrites that relay's work. Returns
 * how many rows were marked.
 */
export async function markOutboxRowsPublished(
  db: AnyDatabase,
  schema: string,
  token: string,
  ids: readonly string[],
): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await sql`
    update ${sql.table(`${schema}.outbox`)}
    set published_at = now(), claimed_until = null
    where claim_token = ${token}::uuid and id = any(${ids}::uuid[]) and published_at is null`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * Gives claimed rows back before their lease ends (their publish failed, or the relay is
 * stopping), so any relay may claim them at once; rows no longer holding `token` are left alone.
 */
export async function releaseOutboxRows(
  db: AnyDatabase,
  schema: string,
  token: string,
  ids: readonly string[],
): Promise<void> {
  if (ids.length === 0) return;
  await sql`
    update ${sql.table(`${schema}.outbox`)}
    set claimed_until = null
    where claim_token = ${token}::uuid and id = any(${ids}::uuid[]) and published_at is null`.execute(db);
}
