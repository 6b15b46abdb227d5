import { create } from "@bufbuild/protobuf";
import { type JetStreamClient, jetstream } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import { OrderReadyForDispatchSchema } from "@waybill/contracts/waybill/orders/v1/events_pb.js";
import { buildEnvelope, connectNats, encodeEnvelope, eventSubject } from "../../services/kit/events/index.js";
import type { Logger } from "../../services/kit/logging/logger.js";
import { benchAddress } from "./bench-address.js";

/** Publishes OrderReadyForDispatch events to the orders stream, as Orders' outbox relay would. */
export interface ReadyPublisher {
  /** Publishes one ready order of brand `bench` and waits for the stream's acknowledgement. */
  ready(orderId: string, zone: string): Promise<void>;
  close(): Promise<void>;
}

/** Connects a publisher to the NATS server and event prefix Waybill runs on. */
export async function createReadyPublisher(natsUrl: string, prefix: string, logger: Logger): Promise<ReadyPublisher> {
  const nc: NatsConnection = await connectNats({ url: natsUrl, name: "bench-orders", logger });
  const js: JetStreamClient = jetstream(nc);
  const subject = eventSubject(prefix, "orders", OrderReadyForDispatchSchema.name);
  return {
    async ready(orderId, zone) {
      const payload = create(OrderReadyForDispatchSchema, {
        orderId,
        brandId: "bench",
        customerId: "bench-customer",
        deliveryZone: zone,
        deliveryAddress: benchAddress,
        totalUnits: 1n,
      });
      const envelope = buildEnvelope(
        { schema: OrderReadyForDispatchSchema, payload, tenant: "bench", aggregateId: orderId },
        {},
      );
      await js.publish(subject, encodeEnvelope(envelope), { msgID: envelope.id });
    },
    close: () => nc.close(),
  };
}
