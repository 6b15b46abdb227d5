import { inventoryService } from "../../../services/inventory/index.js";
import type { IsolatedEnvironment } from "../../support/index.js";
import { startTestWaybill, type TestWaybill } from "../../support/test-waybill.js";

/** Another Inventory process (a replica) on the database and event prefix of a test Waybill. */
export type Replica = TestWaybill;

/**
 * Starts a second Inventory replica sharing `first`'s database and event prefix, as another
 * process of the same deployment would. Stop it before `first`; its `stop()` leaves the
 * environment to `first`.
 *
 * @example
 * const replica = await startReplica(harness, { RESERVATION_SWEEP_MS: "50" });
 */
export function startReplica(
  first: { readonly env: IsolatedEnvironment },
  env: Readonly<Record<string, string>> = {},
): Promise<Replica> {
  return startTestWaybill({ definitions: [inventoryService], env, sharing: first.env });
}
