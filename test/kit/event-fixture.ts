import type { Registry } from "@bufbuild/protobuf";
import { create, createRegistry } from "@bufbuild/protobuf";
import type { JetStreamClient, JetStreamManager } from "@nats-io/jetstream";
import { jetstreamManager } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import {
  file_waybill_inventory_v1_events,
  ItemCreatedSchema,
} from "@waybill/contracts/waybill/inventory/v1/events_pb.js";
import type { Kysely, Migration } from "kysely";
import { sql } from "kysely";
import { createDatabase, migrateSchema } from "../../services/kit/database/index.js";
import type {
  EventConsumer,
  EventConsumerSettings,
  EventHandler,
  EventTables,
  Outbox,
  OutboxRelay,
  ServiceEvents,
} from "../../services/kit/events/index.js";
import {
  connectNats,
  createEventConsumer,
  createOutbox,
  createOutboxRelay,
  createServiceEvents,
  domainStreamName,
  ensureEventStreams,
  eventTablesMigration,
  outboxClaimsMigration,
  outboxWakeupMigration,
} from "../../services/kit/events/index.js";
import type { OutboxRelayOptions } from "../../services/kit/events/outbox-relay.js";
import type { Logger } from "../../services/kit/logging/logger.js";
import { createIsolatedEnvironment, createTestLogger, type IsolatedEnvironment } from "../support/index.js";

/** Side effects written by test handlers; `event_id` is deliberately not unique. */
interface EffectsTable {
  readonly id: import("kysely").Generated<number>;
  readonly consumer: string;
  readonly event_id: string;
}

/** The test schema: the kit's tables plus `effects`. */
export interface FixtureDb extends EventTables {
  readonly effects: EffectsTable;
}

const effectsMigration: Migration = {
  async up(db) {
    await db.schema
      .createTable("effects")
      .addColumn("id", "bigserial", (col) => col.primaryKey())
      .addColumn("consumer", "text", (col) => col.notNull())
      .addColumn("event_id", "uuid", (col) => col.notNull())
      .execute();
  },
};

/** Real database, NATS connection and inventory stream for one test file. */
export interface EventFixture {
  /** The file's own database and event prefix. */
  readonly env: IsolatedEnvironment;
  readonly schema: string;
  readonly db: Kysely<FixtureDb>;
  readonly nc: NatsConnection;
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly logger: Logger;
  readonly outbox: Outbox;
  readonly registry: Registry;
  readonly stream: string;
  /** Appends `count` ItemCreated events in one committed transaction; returns their ids. */
  appendCommitted(count: number): Promise<string[]>;
  /** A consumer whose handler records an effect (and may be overridden); stopped by `destroy()`. */
  consumer(
    name: string,
    overrides?: Partial<EventConsumerSettings<FixtureDb>> & { readonly handle?: EventHandler<FixtureDb> },
  ): EventConsumer;
  /** An outbox relay of the fixture's schema, not yet started; stopped by `destroy()`. */
  relay(overrides?: Partial<OutboxRelayOptions>): OutboxRelay;
  /** The fixture's schema and streams as a service gets them, with `EVENT_ACK_WAIT_MS` = `ackWaitMs`. */
  serviceEvents(ackWaitMs: number): ServiceEvents<FixtureDb>;
  count(table: "effects" | "inbox" | "outbox" | "unpublished", consumer?: string): Promise<number>;
  /** Stops the consumers, then the relays, closes the connections and removes the environment. */
  destroy(): Promise<void>;
}

/**
 * Builds the fixture in a new isolated environment, with schema `kit_test` and the inventory stream
 * (duplicate window 2 minutes, as in production).
 *
 * @example
 * let fx: EventFixture;
 * beforeAll(async () => (fx = await createEventFixture()));
 * afterAll(() => fx?.destroy());
 */
export async function createEventFixture(): Promise<EventFixture> {
  const env = await createIsolatedEnvironment();
  const schema = "kit_test";
  const logger = createTestLogger();
  const db = createDatabase<FixtureDb>({ url: env.databaseUrl, logger });
  await migrateSchema({
    db,
    schema,
    logger,
    migrations: {
      "0000_events": eventTablesMigration,
      "0000_outbox_claims": outboxClaimsMigration,
      "0000_outbox_wakeup": outboxWakeupMigration,
      "0001_effects": effectsMigration,
    },
  });
  const nc = await connectNats({ url: env.natsUrl, name: "kit-test", logger });
  const jsm = await jetstreamManager(nc);
  const js = jsm.jetstream();
  await ensureEventStreams({ jsm, prefix: env.prefix, logger, domains: ["inventory"] });
  const outbox = createOutbox({ schema, prefix: env.prefix, domain: "inventory" });
  const registry = createRegistry(file_waybill_inventory_v1_events);
  const tables = () => db.withSchema(schema);
  const consumers: EventConsumer[] = [];
  const relays: OutboxRelay[] = [];
  let sku = 0;
  return {
    env,
    schema,
    db,
    nc,
    js,
    jsm,
    logger,
    outbox,
    registry,
    stream: domainStreamName(env.prefix, "inventory"),
    appendCommitted: (count) =>
      db.transaction().execute(async (trx) => {
        const ids: string[] = [];
        for (let i = 0; i < count; i++) {
          const payload = create(ItemCreatedSchema, {
            brandId: "brand-1",
            sku: `sku-${++sku}`,
            name: "Widget",
            lowStockThreshold: 3n,
          });
          ids.push(
            ...(await outbox.append(trx, {
              schema: ItemCreatedSchema,
              payload,
              aggregateId: payload.sku,
              tenant: "brand-1",
            })),
          );
        }
        return ids;
      }),
    consumer(name, overrides = {}) {
      const consumer = createEventConsumer<FixtureDb>({
        db,
        js,
        jsm,
        schema,
        name,
        logger,
        registry,
        stream: domainStreamName(env.prefix, "inventory"),
        filterSubject: `${env.prefix}.inventory.ItemCreated`,
        ackWaitMs: 1_000,
        backoffMs: [50, 100],
        handle: async (event, trx) => {
          await trx.withSchema(schema).insertInto("effects").values({ consumer: name, event_id: event.id }).execute();
        },
        ...overrides,
      });
      consumers.push(consumer);
      return consumer;
    },
    serviceEvents(ackWaitMs) {
      return createServiceEvents({ db, schema, js, jsm, prefix: env.prefix, registry, logger, ackWaitMs });
    },
    relay(overrides = {}) {
      const relay = createOutboxRelay({ db, databaseUrl: env.databaseUrl, js, schema, logger, ...overrides });
      relays.push(relay);
      return relay;
    },
    async count(table, consumer) {
      let query = tables()
        .selectFrom(table === "unpublished" ? "outbox" : table)
        .select(sql<number>`count(*)`.as("n"));
      if (table === "unpublished") query = query.where(sql.ref("published_at"), "is", null);
      if (consumer !== undefined) query = query.where(sql.ref("consumer"), "=", consumer);
      const row = await query.executeTakeFirstOrThrow();
      return row.n;
    },
    async destroy() {
      await Promise.all(consumers.map((consumer) => consumer.stop()));
      await Promise.all(relays.map((relay) => relay.stop()));
      await nc.close();
      await db.destroy();
      await env.cleanup();
    },
  };
}
