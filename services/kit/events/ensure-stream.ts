import type { JetStreamManager, StreamConfig, StreamInfo } from "@nats-io/jetstream";
import { JetStreamApiCodes, JetStreamApiError } from "@nats-io/jetstream";
import type { Logger } from "../logging/logger.js";

/** Server error code for "stream name already in use" (a concurrent creator won). */
const STREAM_NAME_IN_USE = 10058;

/** A stream definition: name plus the settings Waybill manages. */
export type StreamDefinition = Pick<StreamConfig, "name" | "subjects"> & Partial<StreamConfig>;

/**
 * Creates the stream, or updates it when its managed settings differ; tolerates a concurrent
 * creator (another replica starting at the same moment).
 *
 * @example
 * await ensureStream(jsm, { name: "WAYBILL_ORDERS", subjects: ["waybill.orders.>"] }, logger);
 */
export async function ensureStream(
  jsm: JetStreamManager,
  definition: StreamDefinition,
  logger: Logger,
): Promise<StreamInfo> {
  const existing = await findStream(jsm, definition.name);
  if (existing === undefined) {
    try {
      const created = await jsm.streams.add(definition);
      logger.info({ stream: definition.name }, "stream created");
      return created;
    } catch (error) {
      if (!(error instanceof JetStreamApiError && error.code === STREAM_NAME_IN_USE)) throw error;
      return ensureStream(jsm, definition, logger);
    }
  }
  if (!differs(existing.config, definition)) return existing;
  // Settings the server cannot change (storage, retention) are sent too: it rejects them loudly.
  const { name, ...settings } = definition;
  const updated = await jsm.streams.update(name, settings);
  logger.info({ stream: name }, "stream updated");
  return updated;
}

async function findStream(jsm: JetStreamManager, name: string): Promise<StreamInfo | undefined> {
  try {
    return await jsm.streams.info(name);
  } catch (error) {
    if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound) return undefined;
    throw error;
  }
}

/** True when any setting we manage has another value on the server (subject order ignored). */
function differs(actual: StreamConfig, wanted: StreamDefinition): boolean {
  return Object.entries(wanted).some(([key, value]) => {
    const current = actual[key as keyof StreamConfig];
    if (Array.isArray(value) && Array.isArray(current)) {
      return JSON.stringify([...value].sort()) !== JSON.stringify([...current].sort());
    }
    return JSON.stringify(current) !== JSON.stringify(value);
  });
}
