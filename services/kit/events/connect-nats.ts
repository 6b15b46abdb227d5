import type { NatsConnection } from "@nats-io/transport-node";
import { connect } from "@nats-io/transport-node";
import { DependencyUnavailableError, describeEndpoint, isUnreachableError } from "../database/index.js";
import type { Logger } from "../logging/logger.js";

/** Options of {@link connectNats}. */
export interface ConnectNatsOptions {
  /** Server URL(s), e.g. `nats://127.0.0.1:4222` (comma-separated for a cluster). */
  readonly url: string;
  /** Connection name shown by the server (`nats server report connections`). */
  readonly name: string;
  readonly logger: Logger;
  /** How long to wait for the first connection (default 5000 ms). */
  readonly timeoutMs?: number;
}

/**
 * Connects to NATS. The first connection must succeed (a {@link DependencyUnavailableError}
 * naming the endpoint and `NATS_URL` otherwise); after that the client reconnects forever and
 * logs status changes, because replicas must ride out a server restart or a cluster election.
 *
 * @example
 * const nc = await connectNats({ url: process.env.NATS_URL ?? "nats://127.0.0.1:4222", name: "orders", logger });
 */
export async function connectNats(options: ConnectNatsOptions): Promise<NatsConnection> {
  const servers = options.url.split(",").map((s) => s.trim());
  let nc: NatsConnection;
  try {
    nc = await connect({ servers, name: options.name, maxReconnectAttempts: -1, timeout: options.timeoutMs ?? 5_000 });
  } catch (error) {
    if (isUnreachable(error)) {
      throw new DependencyUnavailableError("NATS", servers.map(describeEndpoint).join(","), error);
    }
    throw error;
  }
  void logStatus(nc, options.logger);
  return nc;
}

/** nats.js wraps socket errors in a `ConnectionError` whose cause carries the code. */
function isUnreachable(error: unknown): boolean {
  if (isUnreachableError(error)) return true;
  if (!(error instanceof Error)) return false;
  return error.name === "ConnectionError" || error.name === "TimeoutError" || isUnreachableError(error.cause);
}

async function logStatus(nc: NatsConnection, logger: Logger): Promise<void> {
  for await (const status of nc.status()) {
    if (status.type === "ping" || status.type === "update") continue;
    logger.info({ nats: status.type, server: "server" in status ? status.server : undefined }, "NATS status");
  }
}
