import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { Outbox } from "../../kit/events/index.js";
import type { Platforms } from "../platform/index.js";
import type { CampaignsDatabase } from "../storage/index.js";

/** What the Campaigns operations share. */
export interface CampaignsContext {
  readonly db: Kysely<CampaignsDatabase>;
  /** The kit's outbox of the campaigns schema. */
  readonly outbox: Outbox;
  /** The configured ad platforms. */
  readonly platforms: Platforms;
  /**
   * How long a campaign (or the reconcile) stays claimed for one platform call
   * (`PLATFORM_LEASE_MS`); the call itself may take three quarters of it.
   */
  readonly leaseMs: number;
  /** The clock of every time Campaigns writes. */
  readonly now: () => Date;
  readonly logger: Logger;
}
