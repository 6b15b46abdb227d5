import { createRegistry } from "@bufbuild/protobuf";
import type { JetStreamClient, JetStreamManager } from "@nats-io/jetstream";
import {
  file_waybill_inventory_v1_events,
  type StockChanged,
  StockChangedSchema,
} from "@waybill/contracts/waybill/inventory/v1/events_pb.js";
import type { Logger } from "pino";
import { createEventFeed, type EventFeed } from "../../kit/events/index.js";

/** The process's live feed of StockChanged events from every replica. */
export type StockFeed = EventFeed<StockChanged>;

/** Opens {@link StockFeed} over the inventory stream; WatchStock's watchers share it. */
export function createStockFeed(options: {
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly prefix: string;
  readonly logger: Logger;
}): StockFeed {
  return createEventFeed({
    ...options,
    domain: "inventory",
    schemas: [StockChangedSchema],
    registry: createRegistry(file_waybill_inventory_v1_events),
  });
}
