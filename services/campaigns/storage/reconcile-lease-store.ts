import type { Kysely } from "kysely";
import type { CampaignsDatabase } from "./campaigns-database.js";

/** The name of the one reconcile lease every replica competes for. */
const reconcileLease = "reconcile";

/**
 * Takes the reconcile lease for `holder` until `until`, in one statement: true when no reconcile
 * holds it or the last holder's lease ended by `now` (a replica that died mid-run), false while
 * another reconcile (on this or another replica) holds it.
 */
export async function takeReconcileLease(
  db: Kysely<CampaignsDatabase>,
  holder: string,
  now: Date,
  until: Date,
): Promise<boolean> {
  const taken = await db
    .insertInto("reconcile_lease")
    .values({ name: reconcileLease, holder, held_until: until })
    .onConflict((oc) =>
      oc.column("name").doUpdateSet({ holder, held_until: until }).where("reconcile_lease.held_until", "<=", now),
    )
    .returning("holder")
    .executeTakeFirst();
  return taken !== undefined;
}

/** Extends `holder`'s lease to `until`; false when it is no longer `holder`'s (it ended and was taken). */
export async function renewReconcileLease(
  db: Kysely<CampaignsDatabase>,
  holder: string,
  until: Date,
): Promise<boolean> {
  const renewed = await db
    .updateTable("reconcile_lease")
    .set({ held_until: until })
    .where("name", "=", reconcileLease)
    .where("holder", "=", holder)
    .executeTakeFirst();
  return renewed.numUpdatedRows > 0n;
}

/** Gives `holder`'s lease back, so the next reconcile may start at once. */
export async function releaseReconcileLease(db: Kysely<CampaignsDatabase>, holder: string): Promise<void> {
  await db.deleteFrom("reconcile_lease").where("name", "=", reconcileLease).where("holder", "=", holder).execute();
}
