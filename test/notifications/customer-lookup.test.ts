import { create } from "@bufbuild/protobuf";
import { Code, ConnectError, type ServiceImpl } from "@connectrpc/connect";
import {
  CustomerCreatedSchema,
  file_waybill_orders_v1_events,
  OrderPlacedSchema,
} from "@waybill/contracts/waybill/orders/v1/events_pb.js";
import {
  type Customer,
  CustomerSchema,
  OrderSchema,
  OrderService,
} from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import type { Waybill } from "@waybill/sdk";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defineService } from "../../services/kit/app/index.js";
import { defineSettings } from "../../services/kit/config/index.js";
import { notificationsService } from "../../services/notifications/index.js";
import { createEventPublisher, type EventPublisher, waitFor, waitUntil } from "../support/index.js";
import { startTestWaybill, type TestWaybill } from "../support/test-waybill.js";
import { fastNotifications } from "./helpers/notifications-harness.js";

/**
 * Notifications asks Orders' GetCustomer about a customer it has not heard of (an order event
 * handled before the customer's CustomerCreated) before its consumer opens a transaction, never
 * inside one. Orders is played by a service of the test's own, whose GetCustomer the test answers.
 */

/** Answers one GetCustomer (the test swaps it per case). */
type Answer = (customerId: string) => Promise<Customer | undefined>;

let answer: Answer = async () => undefined;
/** The customer ids GetCustomer was asked about, in order. */
const asked: string[] = [];

/** Orders' one RPC that Notifications calls, answered by {@link answer}. */
const ordersStandInRpcs: Partial<ServiceImpl<typeof OrderService>> = {
  async getCustomer({ customerId }) {
    asked.push(customerId);
    const customer = await answer(customerId);
    if (!customer) throw new ConnectError("no such customer", Code.NotFound);
    return { customer };
  },
};

/** Orders as Notifications sees it: only GetCustomer (everything else answers `Unimplemented`). */
const ordersStandIn = defineService({
  name: "orders",
  descriptor: OrderService,
  events: file_waybill_orders_v1_events,
  migrations: {},
  settings: defineSettings({}, () => ({})),
  create: () => ({ implementation: ordersStandInRpcs, workers: [] }),
});

let waybill: TestWaybill;
let admin: Waybill;
let publisher: EventPublisher;
/** A connection of the test's own to Waybill's database, to look at its sessions. */
let observer: pg.Client;

beforeAll(async () => {
  waybill = await startTestWaybill({
    definitions: [notificationsService, ordersStandIn],
    // The senders stay quiet (nothing is sent here), so only the consumer uses the database.
    env: { ...fastNotifications, NOTIFY_POLL_MS: "60000" },
  });
  admin = await waybill.as("admin");
  publisher = await createEventPublisher(waybill.env);
  observer = new pg.Client({ connectionString: waybill.env.databaseUrl });
  await observer.connect();
});
afterAll(async () => {
  await observer?.end();
  await publisher?.close();
  await waybill?.stop();
});

/** A customer as Orders has them. */
const customerNamed = (name: string) =>
  create(CustomerSchema, {
    customerId: crypto.randomUUID(),
    name,
    email: `${name.toLowerCase()}-${crypto.randomUUID().slice(0, 8)}@example.test`,
  });

/** Publishes Orders' OrderPlaced for an order of `customerId`; returns the order id. */
async function placeOrder(customerId: string): Promise<string> {
  const orderId = crypto.randomUUID();
  const order = create(OrderSchema, { orderId, brandId: "brand-lookup", customerId });
  await publisher.publish("orders", OrderPlacedSchema, create(OrderPlacedSchema, { order }), {
    tenant: "brand-lookup",
    aggregateId: orderId,
  });
  return orderId;
}

/** The recipients of the emails planned about a customer, once there are `count`. */
async function emailsTo(customerId: string, count: number): Promise<string[]> {
  const list = await waitFor(
    async () => (await admin.notifications.listNotifications({ customerId })).notifications,
    (items) => items.length >= count,
  );
  return list.map((item) => item.recipient);
}

/** Sessions of Waybill's database idle inside a transaction since `since` (the database's clock) or earlier. */
async function idleInTransactionSince(since: Date): Promise<string[]> {
  const { rows } = await observer.query<{ pid: number; state: string; query: string }>(
    `SELECT pid, state, query FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid()
        AND state LIKE 'idle in transaction%' AND state_change <= $1`,
    [since],
  );
  return rows.map((row) => `${row.pid} ${row.state}: ${row.query}`);
}

/** A promise and the function that settles it. */
function gate(): { readonly opened: Promise<void>; open(): void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

describe("a customer Notifications has not heard of", () => {
  it("is asked of Orders with no transaction open, and the email goes to the answer", async () => {
    const ada = customerNamed("Ada");
    const release = gate();
    let askedAt: Date | undefined;
    answer = async () => {
      // The database's clock when Orders is asked: a transaction open across the call began earlier.
      askedAt = (await observer.query<{ now: Date }>("SELECT clock_timestamp() AS now")).rows[0]!.now;
      await release.opened;
      return ada;
    };
    try {
      await placeOrder(ada.customerId);
      const held = await waitUntil(
        async () => askedAt,
        (at) => at !== undefined,
        "Notifications to ask Orders about the customer",
      );
      // While Orders has not answered, no session of Waybill's waits inside a transaction that began
      // before the call (other work's short transactions end while the answer is still held).
      expect(
        await waitFor(
          () => idleInTransactionSince(held!),
          (sessions) => sessions.length === 0,
        ),
      ).toEqual([]);
    } finally {
      release.open();
    }
    expect(await emailsTo(ada.customerId, 1)).toEqual([ada.email]);
    expect(asked.filter((id) => id === ada.customerId)).toHaveLength(1);

    // Remembered: the next order of the customer asks nobody.
    await placeOrder(ada.customerId);
    expect(await emailsTo(ada.customerId, 2)).toEqual([ada.email, ada.email]);
    expect(asked.filter((id) => id === ada.customerId)).toHaveLength(1);
  });

  it("holds the event while Orders is unavailable, without spending its deliveries", async () => {
    const grace = customerNamed("Grace");
    // As many refusals as the consumer has deliveries (5): a spent delivery each would dead-letter the event.
    let refusals = 5;
    answer = async () => {
      if (refusals-- > 0) throw new ConnectError("orders is restarting", Code.Unavailable);
      return grace;
    };
    await placeOrder(grace.customerId);
    expect(await emailsTo(grace.customerId, 1)).toEqual([grace.email]);
    expect(asked.filter((id) => id === grace.customerId)).toHaveLength(6);
  });

  it("gets no email when Orders does not know them either, and the event is handled", async () => {
    const ghost = crypto.randomUUID();
    answer = async () => undefined;
    const orderId = await placeOrder(ghost);
    await waitUntil(
      async () => (await admin.notifications.listActivity({ orderId, page: { pageSize: 10 } })).entries,
      (entries) => entries.length === 1,
      "the order placed to reach the activity feed",
    );
    expect((await admin.notifications.listNotifications({ customerId: ghost })).notifications).toEqual([]);
    expect(asked.filter((id) => id === ghost)).toHaveLength(1);
  });
});

describe("a customer Notifications has heard of", () => {
  it("is never asked of Orders: CustomerCreated carries them, and later orders read them", async () => {
    const linus = customerNamed("Linus");
    answer = async () => {
      throw new ConnectError("GetCustomer must not be called", Code.FailedPrecondition);
    };
    await publisher.publish("orders", CustomerCreatedSchema, create(CustomerCreatedSchema, { customer: linus }), {
      tenant: "",
      aggregateId: linus.customerId,
    });
    expect(await emailsTo(linus.customerId, 1)).toEqual([linus.email]);
    await placeOrder(linus.customerId);
    expect(await emailsTo(linus.customerId, 2)).toEqual([linus.email, linus.email]);
    expect(asked.filter((id) => id === linus.customerId)).toEqual([]);
  });
});
