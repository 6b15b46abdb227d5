import { randomUUID } from "node:crypto";
import { DomainError } from "../../kit/errors/index.js";
import { leaseEnd } from "../domain/index.js";
import { releaseReconcileLease, renewReconcileLease, takeReconcileLease } from "../storage/index.js";
import type { CampaignsContext } from "./campaigns-context.js";

/** The lease of the one reconcile running, held by this process. */
export interface ReconcileLease {
  /**
   * Extends the lease by `ctx.leaseMs` from now, before each step (and each platform call, which
   * takes at most three quarters of it); ABORTED when it ended and another replica took it.
   */
  renew(): Promise<void>;
  /** Gives the lease back (a failure is logged: the lease then ends by itself). */
  release(): Promise<void>;
}

/**
 * Takes the reconcile lease (one statement, no transaction held), or undefined while another
 * reconcile holds it on any replica. A replica that dies mid-run frees it when its lease ends,
 * `PLATFORM_LEASE_MS` after its last renewal.
 */
export async function holdReconcileLease(ctx: CampaignsContext): Promise<ReconcileLease | undefined> {
  const holder = randomUUID();
  const now = ctx.now();
  if (!(await takeReconcileLease(ctx.db, holder, now, leaseEnd(now, ctx.leaseMs)))) return undefined;
  return {
    async renew() {
      if (!(await renewReconcileLease(ctx.db, holder, leaseEnd(ctx.now(), ctx.leaseMs))))
        throw new DomainError("aborted", "the reconcile outlived its lease and another replica took over");
    },
    async release() {
      await releaseReconcileLease(ctx.db, holder).catch((error: unknown) =>
        ctx.logger.warn({ err: error }, "could not give the reconcile lease back; it ends by itself"),
      );
    },
  };
}
