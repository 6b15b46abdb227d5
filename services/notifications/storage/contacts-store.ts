import type { Kysely, Selectable } from "kysely";
import type { BrandContactsTable, NotificationsDatabase } from "./notifications-database.js";

/** A brand contact row. */
export type BrandContactRow = Selectable<BrandContactsTable>;

/** Sets (or replaces) a brand's contact and returns it. */
export async function saveBrandContact(
  db: Kysely<NotificationsDatabase>,
  contact: BrandContactRow,
): Promise<BrandContactRow> {
  return db
    .insertInto("brand_contacts")
    .values(contact)
    .onConflict((oc) =>
      oc.column("brand_id").doUpdateSet({ email: contact.email, name: contact.name, updated_at: contact.updated_at }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A brand's contact, or `undefined` when none was set. */
export async function findBrandContact(
  db: Kysely<NotificationsDatabase>,
  brandId: string,
): Promise<BrandContactRow | undefined> {
  return db.selectFrom("brand_contacts").selectAll().where("brand_id", "=", brandId).executeTakeFirst();
}
