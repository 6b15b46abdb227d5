import { setTimeout as sleep } from "node:timers/promises";
import { type JetStreamManager, jetstreamManager } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import { connectNats, domainStreamName } from "../../services/kit/events/index.js";
import type { Logger } from "../../services/kit/logging/logger.js";
import type { Queryable } from "./bench-database.js";
import { readConsumers } from "./consumer-state.js";
import { type DrainLook, drainBacklog, drainOutstanding } from "./drain-verdict.js";
import { readOutboxes } from "./outbox-state.js";
import { startProgressBar } from "./progress-bar.js";

/** How a wait for the asynchronous side ended. */
export interface DrainResult {
  readonly drained: boolean;
  /**
   * Milliseconds from the last order's answer to the first look that found everything caught up
   * (taken when that look had read the consumers); null when the timeout came first.
   */
  readonly drainMs: number | null;
  readonly timeoutMs: number;
  /** What was still outstanding at the last look (empty when drained). */
  readonly outstanding: readonly string[];
}

/** Watches one Waybill's outboxes and durable consumers until they have caught up. */
export interface DrainWatch {
  /**
   * Looks every {@link pollMs} until drained (see {@link drainOutstanding}) or until `timeoutMs`
   * after `since` (`performance.now()` of the last answer), and never longer.
   */
  wait(since: number, timeoutMs: number, label: string): Promise<DrainResult>;
  close(): Promise<void>;
}

/** Pause between looks: the resolution of `drainMs`, against the load the looks add. */
export const pollMs = 50;

/** Connects a drain watch to the NATS server and event prefix Waybill runs on. */
export async function createDrainWatch(options: {
  readonly db: Queryable;
  readonly schemas: readonly string[];
  readonly natsUrl: string;
  readonly prefix: string;
  readonly logger: Logger;
}): Promise<DrainWatch> {
  const nc: NatsConnection = await connectNats({
    url: options.natsUrl,
    name: "bench-drain-watch",
    logger: options.logger,
  });
  const jsm: JetStreamManager = await jetstreamManager(nc);
  const streamOf = (schema: string) => domainStreamName(options.prefix, schema);
  const look = async (): Promise<DrainLook & { readonly at: number }> => {
    const outboxesBefore = await readOutboxes(options.db, options.schemas);
    const consumers = await readConsumers(jsm, options.prefix);
    const at = performance.now();
    const outboxesAfter = await readOutboxes(options.db, options.schemas);
    return { outboxesBefore, consumers, outboxesAfter, at };
  };
  return {
    async wait(since, timeoutMs, label) {
      let bar: ReturnType<typeof startProgressBar> | undefined;
      let first = 0;
      let outstanding: string[] = [];
      try {
        for (;;) {
          const seen = await look();
          outstanding = drainOutstanding(seen, streamOf);
          if (outstanding.length === 0)
            return { drained: true, drainMs: Math.round(seen.at - since), timeoutMs, outstanding };
          const backlog = drainBacklog(seen);
          first ||= Math.max(backlog, 1);
          bar ??= startProgressBar(label, first);
          bar.update(Math.max(0, first - backlog));
          if (performance.now() - since >= timeoutMs) return { drained: false, drainMs: null, timeoutMs, outstanding };
          await sleep(pollMs);
        }
      } finally {
        bar?.stop();
      }
    },
    close: () => nc.close(),
  };
}
