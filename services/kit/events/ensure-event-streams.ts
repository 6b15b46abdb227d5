import type { JetStreamManager } from "@nats-io/jetstream";
import { RetentionPolicy, StorageType } from "@nats-io/jetstream";
import { nanos } from "@nats-io/transport-node";
import type { Logger } from "../logging/logger.js";
import { ensureStream } from "./ensure-stream.js";
import type { EventDomain } from "./naming.js";
import {
  assertEventPrefix,
  deadLetterStreamName,
  deadLetterSubjects,
  domainStreamName,
  domainSubjects,
} from "./naming.js";

/** Options of {@link ensureEventStreams}. */
export interface EnsureEventStreamsOptions {
  readonly jsm: JetStreamManager;
  /** Event prefix (`EVENT_PREFIX`). */
  readonly prefix: string;
  readonly logger: Logger;
  /** Window in which a repeated `Nats-Msg-Id` is dropped (default 2 minutes). */
  readonly duplicateWindowMs?: number;
  /** Replicas per stream (default 1; 3 on a JetStream cluster). */
  readonly replicas?: number;
  /** Domains to create streams for: every service's name, so the dead-letter stream covers them all. */
  readonly domains: readonly EventDomain[];
}

/**
 * Creates (or updates) one stream per domain and the dead-letter stream. Domain streams use
 * `limits` retention so every consumer sees every event and any projection can be replayed;
 * the dead-letter stream captures the MAX_DELIVERIES and MSG_TERMINATED advisories of exactly
 * these streams (explicit names, so deployments with other prefixes never mix). Idempotent;
 * every service may call it at start.
 *
 * @example
 * await ensureEventStreams({ jsm, prefix: "waybill", logger, domains: ["inventory", "orders"] });
 */
export async function ensureEventStreams(options: EnsureEventStreamsOptions): Promise<void> {
  const { jsm, prefix, logger } = options;
  assertEventPrefix(prefix);
  const { domains } = options;
  const common = {
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    num_replicas: options.replicas ?? 1,
  };
  for (const domain of domains) {
    await ensureStream(
      jsm,
      {
        ...common,
        name: domainStreamName(prefix, domain),
        subjects: [domainSubjects(prefix, domain)],
        duplicate_window: nanos(options.duplicateWindowMs ?? 120_000),
      },
      logger,
    );
  }
  await ensureStream(
    jsm,
    {
      ...common,
      name: deadLetterStreamName(prefix),
      subjects: domains.flatMap((domain) => deadLetterSubjects(domainStreamName(prefix, domain))),
    },
    logger,
  );
}
