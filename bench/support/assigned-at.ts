import pg from "pg";

/**
 * When Fleet decided each order's courier (`fleet.assignments.assigned_at`, Fleet's clock, inside
 * its transaction), in epoch milliseconds, for the orders of `orderIds` that are assigned.
 */
export async function readAssignedAt(databaseUrl: string, orderIds: readonly string[]): Promise<Map<string, number>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ order_id: string; assigned_at: Date }>(
      "select order_id, assigned_at from fleet.assignments where order_id = any($1::uuid[]) and status = 'assigned'",
      [orderIds],
    );
    return new Map(rows.map((row) => [row.order_id, row.assigned_at.getTime()]));
  } finally {
    await client.end();
  }
}
