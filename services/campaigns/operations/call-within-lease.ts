import { callBudgetMs } from "../domain/index.js";
import { PlatformError } from "../platform/index.js";
import type { CampaignsContext } from "./campaigns-context.js";

/**
 * Runs one call to `platform` made under a claim of `ctx.leaseMs`, never inside a transaction.
 * The call (its retries and Retry-After waits included) is abandoned when the caller gives up
 * (`signal`: it then fails as `aborted`) or when three quarters of the lease have passed (it then
 * fails as `unavailable`), so its outcome is always recorded while the claim still holds.
 */
export async function callWithinLease<T>(
  ctx: CampaignsContext,
  platform: string,
  signal: AbortSignal | undefined,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const budgetMs = callBudgetMs(ctx.leaseMs);
  const budget = new AbortController();
  const timer = setTimeout(() => budget.abort(), budgetMs);
  try {
    return await call(signal ? AbortSignal.any([signal, budget.signal]) : budget.signal);
  } catch (error) {
    if (budget.signal.aborted && !signal?.aborted && error instanceof PlatformError && error.kind === "aborted") {
      throw new PlatformError(
        "unavailable",
        platform,
        `the ad platform ${platform} did not finish the call within ${budgetMs} ms`,
      );
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
