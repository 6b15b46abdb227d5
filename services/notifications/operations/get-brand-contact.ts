import { notFound } from "../../kit/errors/index.js";
import { type BrandContactRow, findBrandContact } from "../storage/index.js";
import type { NotificationsContext } from "./notifications-context.js";

/** A brand's contact; NOT_FOUND when none was set. */
export async function getBrandContact(ctx: NotificationsContext, brandId: string): Promise<BrandContactRow> {
  const contact = await findBrandContact(ctx.db, brandId);
  if (!contact) throw notFound(`brand ${brandId} has no contact - set one with SetBrandContact`);
  return contact;
}
