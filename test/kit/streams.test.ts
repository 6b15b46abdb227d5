import type { JetStreamManager } from "@nats-io/jetstream";
import { jetstreamManager } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import { nanos } from "@nats-io/transport-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waybillSettings } from "../../services/kit/config/index.js";
import { ensureConsumer } from "../../services/kit/events/ensure-consumer.js";
import { connectNats, domainStreamName, ensureEventStreams, eventSubject } from "../../services/kit/events/index.js";
import { deadLetterStreamName } from "../../services/kit/events/naming.js";
import type { IsolatedEnvironment } from "../support/index.js";
import { createIsolatedEnvironment, createTestLogger } from "../support/index.js";

const logger = createTestLogger();
const domains = ["inventory", "orders", "fleet", "campaigns", "notifications"];

describe("event streams", () => {
  let env: IsolatedEnvironment;
  let nc: NatsConnection;
  let jsm: JetStreamManager;

  beforeAll(async () => {
    env = await createIsolatedEnvironment();
    nc = await connectNats({ url: env.natsUrl, name: "streams-test", logger });
    jsm = await jetstreamManager(nc);
  });
  afterAll(async () => {
    await nc?.close();
    await env?.cleanup();
  });

  it("creates one stream per domain and the dead-letter stream, idempotently and under concurrent starts", async () => {
    await Promise.all([
      ensureEventStreams({ jsm, prefix: env.prefix, logger, domains }),
      ensureEventStreams({ jsm, prefix: env.prefix, logger, domains }),
    ]);
    const names: string[] = [];
    for await (const name of jsm.streams.names()) if (name.startsWith(env.prefix.toUpperCase())) names.push(name);
    const upper = env.prefix.toUpperCase();
    expect(names.sort()).toEqual(
      [...domains.map((d) => `${upper}_${d.toUpperCase()}`), `${upper}_DEAD_LETTERS`].sort(),
    );

    const orders = await jsm.streams.info(domainStreamName(env.prefix, "orders"));
    expect(orders.config).toMatchObject({
      subjects: [`${env.prefix}.orders.>`],
      retention: "limits",
      storage: "file",
      duplicate_window: nanos(120_000),
    });
    const dlq = await jsm.streams.info(deadLetterStreamName(env.prefix));
    expect(dlq.config.subjects).toContain(`$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.${upper}_ORDERS.*`);
    expect(dlq.config.subjects).toContain(`$JS.EVENT.ADVISORY.CONSUMER.MSG_TERMINATED.${upper}_FLEET.*`);
    expect(dlq.config.subjects).toHaveLength(10);

    // A changed setting is applied on the next start.
    await ensureEventStreams({ jsm, prefix: env.prefix, logger, duplicateWindowMs: 30_000, domains: ["orders"] });
    expect((await jsm.streams.info(domainStreamName(env.prefix, "orders"))).config.duplicate_window).toBe(
      nanos(30_000),
    );
  });

  it("accepts a prefix with underscores (EVENT_PREFIX=shop_eu): streams, subjects and dead letters", async () => {
    // As the settings read it (they used to refuse underscores that the streams accept).
    const { eventPrefix: prefix } = waybillSettings.read({ EVENT_PREFIX: `${env.prefix}_eu` });
    await ensureEventStreams({ jsm, prefix, logger, domains: ["inventory", "orders"] });
    const upper = prefix.toUpperCase();
    const inventory = await jsm.streams.info(`${upper}_INVENTORY`);
    expect(inventory.config.subjects).toEqual([`${prefix}.inventory.>`]);
    const dlq = await jsm.streams.info(`${upper}_DEAD_LETTERS`);
    expect(dlq.config.subjects).toContain(`$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.${upper}_ORDERS.*`);
    const js = jsm.jetstream();
    const ack = await js.publish(eventSubject(prefix, "inventory", "ItemCreated"), new Uint8Array(), { msgID: "one" });
    expect(ack.stream).toBe(`${upper}_INVENTORY`);
    // The prefix without its suffix is another deployment, with streams of its own.
    await ensureEventStreams({ jsm, prefix: env.prefix, logger, domains: ["inventory"] });
    expect(await jsm.streams.find(eventSubject(env.prefix, "inventory", "ItemCreated"))).toBe(
      domainStreamName(env.prefix, "inventory"),
    );
    expect((await jsm.streams.info(`${upper}_INVENTORY`)).state.messages).toBe(1);
  });

  it("ensureConsumer creates a durable consumer and updates it when its settings change", async () => {
    const stream = domainStreamName(env.prefix, "fleet");
    await ensureEventStreams({ jsm, prefix: env.prefix, logger, domains: ["fleet"] });
    const base = {
      durable_name: "fleet-watch",
      ack_policy: "explicit" as const,
      filter_subject: `${env.prefix}.fleet.>`,
      max_deliver: 5,
    };
    await Promise.all([ensureConsumer(jsm, stream, base, logger), ensureConsumer(jsm, stream, base, logger)]);
    expect((await jsm.consumers.info(stream, "fleet-watch")).config.max_deliver).toBe(5);
    await ensureConsumer(jsm, stream, { ...base, max_deliver: 7, ack_wait: nanos(2_000) }, logger);
    const info = await jsm.consumers.info(stream, "fleet-watch");
    expect(info.config.max_deliver).toBe(7);
    expect(info.config.ack_wait).toBe(nanos(2_000));
  });
});
