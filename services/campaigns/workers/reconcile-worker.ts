import { ReconcileAction } from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
import { createPeriodicWorker, type Worker } from "../../kit/app/index.js";
import { type CampaignsContext, reconcile } from "../operations/index.js";

/**
 * Every `intervalMs` (0: never; ReconcileCampaigns still works), runs a reconcile on whichever
 * replica takes the reconcile lease first; the others skip that round. A reconcile that changed anything is
 * logged with every change; one that failed to reach a platform says so. Stopping abandons the
 * platform calls of a running reconcile, which leaves what it had not done to the next one.
 */
export function createReconcileWorker(ctx: CampaignsContext, options: { readonly intervalMs: number }): Worker {
  if (options.intervalMs === 0) return { start: async () => undefined, stop: async () => undefined };
  const logger = ctx.logger.child({ component: "reconciler" });
  let abort = new AbortController();
  const worker = createPeriodicWorker({
    intervalMs: options.intervalMs,
    logger,
    what: "reconciling campaigns",
    async round() {
      const report = await reconcile(ctx, {}, abort.signal);
      if (!report) {
        logger.debug("another replica is reconciling; skipped this round");
        return 0;
      }
      const changes = report.changes.map(
        ({ campaignId, brandId, platformCampaignId, action, changedFields, error }) => ({
          campaignId,
          brandId,
          platformCampaignId,
          action: ReconcileAction[action],
          changedFields,
          error,
        }),
      );
      const summary = {
        seen: Number(report.platformCampaignsSeen),
        unchanged: Number(report.unchanged),
        changed: changes.length,
      };
      if (changes.length > 0) logger.info({ ...summary, changes }, `reconcile changed ${changes.length} campaign(s)`);
      else logger.debug(summary, "reconcile found everything in line");
      return 0;
    },
  });
  return {
    async start() {
      abort = new AbortController();
      await worker.start();
    },
    async stop() {
      abort.abort();
      await worker.stop();
    },
  };
}
