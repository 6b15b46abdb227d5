import { jetstreamManager } from "@nats-io/jetstream";
import { LedgerReason } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import {
  type ActivityEntry,
  type Notification,
  NotificationChannel,
  NotificationStatus,
} from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import { CustomerCreatedSchema, OrderPlacedSchema } from "@waybill/contracts/waybill/orders/v1/events_pb.js";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Waybill } from "../../sdk/src/index.js";
import type { InboxTable } from "../../services/kit/events/event-tables.js";
import { connectNats, domainStreamName } from "../../services/kit/events/index.js";
import { notificationsService } from "../../services/notifications/index.js";
import type { NotificationsDatabase } from "../../services/notifications/storage/index.js";
import { orderRequest, waitFor } from "../orders/orders-harness.js";
import { createEventPublisher, createTestLogger, schemaSql } from "../support/index.js";
import { startTestWaybill, type TestWaybill } from "../support/test-waybill.js";
import {
  adminEmail,
  fastNotifications,
  type NotificationsHarness,
  startNotificationsHarness,
} from "./helpers/notifications-harness.js";

const customers = 20;

let n: NotificationsHarness;
let second: TestWaybill;
let secondAdmin: Waybill;

beforeAll(async () => {
  n = await startNotificationsHarness();
  // A second Notifications replica on the same database and streams: it shares the consumers
  // and races the first for every due notification.
  second = await startTestWaybill({
    definitions: [notificationsService],
    env: { ...fastNotifications, SMTP_URL: n.smtp.url, ORDERS_URL: n.h.waybill.url },
    sharing: n.h.waybill.env,
  });
  secondAdmin = await second.as("admin");
}, 90_000);
afterAll(async () => {
  await second?.stop();
  await n?.stop();
});

const allSent = (list: readonly Notification[], count: number) =>
  list.length >= count && list.every((item) => item.status === NotificationStatus.SENT);

/** Waits until the replicas' consumer of the orders stream has handled and acknowledged everything. */
async function ordersConsumed(): Promise<void> {
  const nc = await connectNats({ url: n.h.waybill.env.natsUrl, name: "replicas-test", logger: createTestLogger() });
  try {
    const jsm = await jetstreamManager(nc);
    const stream = domainStreamName(n.h.waybill.env.prefix, "orders");
    const info = await waitFor(
      () => jsm.consumers.info(stream, "notifications-activity-orders"),
      (state) => state.num_pending === 0 && state.num_ack_pending === 0,
    );
    expect(info.num_pending + info.num_ack_pending).toBe(0);
  } finally {
    await nc.close();
  }
}

it("sends each email and webhook delivery exactly once with two replicas and redelivered events", async () => {
  // The whole platform's feed, watched through the second replica while both record it (from the
  // start: the backlog holds whatever was recorded before the watch began).
  const watched: ActivityEntry[] = [];
  const watching = new AbortController();
  const watch = (async () => {
    for await (const { entry } of secondAdmin.notifications.watchActivity(
      { backlog: 100 },
      { signal: watching.signal },
    ))
      watched.push(entry!);
  })().catch(() => undefined);

  const acme = await n.h.brand("acme");
  await acme.notifications.setBrandContact({ brandId: "acme", email: "stock@acme.test", idempotencyKey: "contact" });
  const hook = await acme.notifications.registerWebhook({
    brandId: "acme",
    url: n.receiver.url("/orders"),
    eventTypes: ["waybill.orders.v1.OrderPlaced"],
    idempotencyKey: "hook",
  });
  n.receiver.secret("/orders", hook.signingSecret);
  await n.h.admin.inventory.createItem({
    brandId: "acme",
    sku: "TEA",
    name: "Tea",
    unitPrice: { currencyCode: "EUR", minorUnits: 400n },
    lowStockThreshold: 85n,
    idempotencyKey: "tea",
  });
  await n.h.admin.inventory.adjustStock({
    brandId: "acme",
    sku: "TEA",
    delta: 100n,
    reason: LedgerReason.RESTOCK,
    idempotencyKey: "tea-in",
  });

  const people = await Promise.all(Array.from({ length: customers }, () => n.h.customer()));
  await Promise.all(
    people.map((person, i) =>
      person.client.orders.placeOrder(orderRequest(person.id, "acme", [["TEA", 1]], `tea-order-${i}`)),
    ),
  );

  // Redelivery: every CustomerCreated and OrderPlaced again under its own event id (the inbox
  // drops them), then again after the inbox was pruned (the unique notification drops them).
  const publisher = await createEventPublisher(n.h.waybill.env);
  const sql = schemaSql<NotificationsDatabase & { inbox: InboxTable }>(n.h.waybill.env.databaseUrl, "notifications");
  try {
    const replay = async () => {
      for (const event of await n.h.ordersEvents("CustomerCreated")) {
        await publisher.publish("orders", CustomerCreatedSchema, event.payload as never, {
          tenant: event.tenant,
          aggregateId: event.aggregateId,
          id: event.id,
        });
      }
      for (const event of await n.h.ordersEvents("OrderPlaced")) {
        await publisher.publish("orders", OrderPlacedSchema, event.payload as never, {
          tenant: event.tenant,
          aggregateId: event.aggregateId,
          id: event.id,
        });
      }
    };
    await replay();
    const emails = customers * 2 + 2; // welcome and confirmation per customer, low stock to the contact and the operator
    await n.waitNotifications({ channel: NotificationChannel.EMAIL }, (list) => allSent(list, emails));
    await ordersConsumed();
    await sql.deleteFrom("inbox").execute();
    await replay();
    await ordersConsumed();

    const mail = await n.waitNotifications({ channel: NotificationChannel.EMAIL }, (list) => allSent(list, emails));
    expect(mail).toHaveLength(emails);
    expect(mail.every((item) => item.attempts === 1)).toBe(true);
    const received = await waitFor(
      async () => n.smtp.messages,
      (messages) => messages.length >= emails,
    );
    expect(received).toHaveLength(emails);
    expect(new Set(received.map((message) => message.messageId))).toEqual(
      new Set(mail.map((item) => `<${item.notificationId}@waybill>`)),
    );
    for (const person of people) {
      const email = (await n.h.admin.orders.getCustomer({ customerId: person.id })).customer!.email;
      expect(
        n.smtp
          .to(email)
          .map((message) => message.subject.split(" ")[0])
          .sort(),
      ).toEqual(["Welcome", "Your"]);
    }
    expect(n.smtp.to(adminEmail).map((message) => message.subject)).toEqual(["Low stock at acme: TEA (85 left)"]);

    const deliveries = await n.waitNotifications({ channel: NotificationChannel.WEBHOOK }, (list) =>
      allSent(list, customers),
    );
    expect(deliveries).toHaveLength(customers);
    const posted = n.receiver.to("/orders");
    expect(posted).toHaveLength(customers);
    expect(new Set(posted.map((delivery) => delivery.eventId)).size).toBe(customers);
    expect(posted.every((delivery) => delivery.signatureValid)).toBe(true);

    // The watcher on the second replica saw the feed as it is stored: in order, once each.
    const feed = (await n.h.admin.notifications.listActivity({ page: { pageSize: 500 } })).entries.reverse();
    const seen = await waitFor(
      async () => watched,
      (list) => list.length >= feed.length,
    );
    expect(seen.map((entry) => entry.sequence)).toEqual(feed.map((entry) => entry.sequence));
    expect(new Set(feed.map((entry) => entry.eventId)).size).toBe(feed.length);
    expect(feed.filter((entry) => entry.eventType === "waybill.orders.v1.OrderPlaced")).toHaveLength(customers);
  } finally {
    watching.abort();
    await watch;
    await publisher.close();
    await sql.destroy();
  }
});
