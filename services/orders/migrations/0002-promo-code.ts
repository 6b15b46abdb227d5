import type { Migration } from "kysely";

/** The order's promo code takes the contract's name (`promo_code`, as on a campaign). */
export const promoCode: Migration = {
  async up(db) {
    await db.schema.alterTable("orders").renameColumn("campaign_code", "promo_code").execute();
  },
  async down(db) {
    await db.schema.alterTable("orders").renameColumn("promo_code", "campaign_code").execute();
  },
};
