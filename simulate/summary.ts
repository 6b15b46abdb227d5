import type { PlacedOrders } from "./placed-orders.js";
import type { ScheduleResult } from "./scheduler.js";
import type { ActionCounts, ActionName, Tally, Totals } from "./tally.js";
import type { WebhookCounts } from "./webhook-receiver.js";
import type { World } from "./world.js";

/** Everything a run did, as `--json` prints it. */
export interface SimulationSummary {
  readonly url: string;
  readonly seed: number;
  readonly ratePerSecond: number;
  readonly elapsedMs: number;
  readonly stoppedBy: ScheduleResult["stoppedBy"];
  readonly behind: number;
  readonly unfinished: number;
  readonly world: {
    readonly brands: readonly { brandId: string; skus: readonly string[]; customers: number; promoCode?: string }[];
    readonly zones: readonly string[];
    readonly riders: number;
    readonly drones: number;
    readonly problems: readonly string[];
  };
  readonly actions: Readonly<Partial<Record<ActionName, ActionCounts>>>;
  readonly totals: Totals;
  /** Unexpected errors as a share of the calls tried (ok, expected refusals and errors). */
  readonly errorRate: number;
  /** Every order placed, and the ids of the latest 500 of them (all of a short run's). */
  readonly orders: { readonly placed: number; readonly orderIds: readonly string[] };
  readonly webhooks: WebhookCounts | { readonly registered: 0; readonly disabled: true };
  readonly errorSamples: Readonly<Record<string, string>>;
}

/** Puts a run's results together. */
export function buildSummary(run: {
  readonly url: string;
  readonly seed: number;
  readonly ratePerSecond: number;
  readonly world: World;
  readonly result: ScheduleResult;
  readonly tally: Tally;
  readonly placed: Pick<PlacedOrders, "count" | "recent">;
  readonly webhooks: WebhookCounts | undefined;
}): SimulationSummary {
  const totals = run.tally.totals();
  const tried = totals.ok + totals.expected + totals.errors;
  const { world } = run;
  return {
    url: run.url,
    seed: run.seed,
    ratePerSecond: run.ratePerSecond,
    elapsedMs: Math.round(run.result.elapsedMs),
    stoppedBy: run.result.stoppedBy,
    behind: run.result.behind,
    unfinished: run.result.unfinished,
    world: {
      brands: world.brands.map((brand) => ({
        brandId: brand.brandId,
        skus: brand.skus,
        customers: brand.customerIds.length,
        ...(brand.promoCode === undefined ? {} : { promoCode: brand.promoCode }),
      })),
      zones: world.fleet.zones,
      riders: world.fleet.riderIds.length,
      drones: world.fleet.droneIds.length,
      problems: world.campaignProblems,
    },
    actions: run.tally.actions(),
    totals,
    errorRate: tried === 0 ? 0 : Math.round((totals.errors / tried) * 10_000) / 10_000,
    orders: { placed: run.placed.count, orderIds: run.placed.recent() },
    webhooks: run.webhooks ?? { registered: 0, disabled: true },
    errorSamples: run.tally.samples(),
  };
}

const counted = (record: Readonly<Record<string, number>>) =>
  Object.entries(record)
    .map(([what, n]) => `${n} ${what}`)
    .join(", ");

/** The summary as a table for people. */
export function formatSummary(summary: SimulationSummary): string {
  const rows = Object.entries(summary.actions).map(([name, counts]) => {
    const { ok, skipped, expected, errors } = counts as ActionCounts;
    return `  ${name.padEnd(24)}${String(ok).padStart(7)}${String(skipped).padStart(9)}   ${[counted(expected), counted(errors)].filter(Boolean).join("; ")}`;
  });
  const hooks = summary.webhooks;
  const webhookLine =
    "disabled" in hooks
      ? "webhooks: off (--no-webhooks)"
      : hooks.hint !== undefined
        ? `webhooks: none (${hooks.hint})`
        : `webhooks: ${hooks.received} received, ${hooks.verified} verified, ${hooks.rejected} rejected (${hooks.registered} registered, now removed)`;
  const { totals } = summary;
  return [
    `simulated ${(summary.elapsedMs / 1000).toFixed(1)} s against ${summary.url} (seed ${summary.seed}, ${summary.ratePerSecond}/s, stopped by ${summary.stoppedBy})`,
    `  ${"action".padEnd(24)}${"ok".padStart(7)}${"skipped".padStart(9)}   refusals (expected) and errors`,
    ...rows,
    `orders placed: ${summary.orders.placed}; ${totals.ok} ok, ${totals.expected} expected refusals, ${totals.errors} unexpected errors (${(summary.errorRate * 100).toFixed(1)}%)`,
    webhookLine,
    ...summary.world.problems.map((problem) => `note: ${problem}`),
    ...(summary.behind > 0 ? [`note: ${summary.behind} draws dropped: Waybill was slower than --rate`] : []),
    ...Object.entries(summary.errorSamples).map(([code, message]) => `error ${code}: ${message}`),
  ].join("\n");
}
