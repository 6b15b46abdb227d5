import type { PlatformFields } from "./campaign-fields.js";

/** A campaign to create, as CreateCampaign asks for it. */
export interface NewCampaign extends PlatformFields {
  readonly brandId: string;
  readonly platform: string;
  /** As the caller wrote it; stored trimmed and in upper case. */
  readonly promoCode: string;
  /** The caller's idempotency key, from which the campaign id is derived. */
  readonly idempotencyKey: string;
}
