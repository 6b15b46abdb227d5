import { LedgerReason } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import {
  type ActivityEntry,
  type Notification,
  NotificationChannel,
  NotificationStatus,
} from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import { CustomerCreatedSchema, OrderPlacedSchema } from "@waybill/contracts/waybill/orders/v1/events_pb.js";
import type { Waybill } from "@waybill/sdk";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { InboxTable } from "../../services/kit/events/event-tables.js";
import { notificationsService } from "../../services/notifications/index.js";
import type { NotificationsDatabase } from "../../services/notifications/storage/index.js";
import {
  createEventPublisher,
  eventsSettled,
  orderRequest,
  schemaSql,
  streamEvents,
  streamPositions,
  waitFor,
} from "../support/index.js";
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
    env: { ...fastNotifications, SMTP_URL: n.smtp.url, ORDERS_URL: n.url },
    sharing: n.env,
  });
  secondAdmin = await second.as("admin");
}, 90_000);
afterAll(async () => {
  await second?.stop();
  await n?.stop();
});

const allSent = (list: readonly Notification[], count: number) =>
  list.length >= count && list.every((item) => item.status === NotificationStatus.SENT);

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

  const acme = await n.brand("acme");
  await acme.notifications.setBrandContact({ brandId: "acme", email: "stock@acme.test", idempotencyKey: "contact" });
  const hook = await acme.notifications.registerWebhook({
    brandId: "acme",
    url: n.receiver.url("/orders"),
    eventTypes: ["waybill.orders.v1.OrderPlaced"],
    idempotencyKey: "hook",
  });
  n.receiver.secret("/orders", hook.signingSecret);
  await n.admin.inventory.createItem({
    brandId: "acme",
    sku: "TEA",
    name: "Tea",
    unitPrice: { currencyCode: "EUR", minorUnits: 400n },
    lowStockThreshold: 85n,
    idempotencyKey: "tea",
  });
  await n.admin.inventory.adjustStock({
    brandId: "acme",
    sku: "TEA",
    delta: 100n,
    reason: LedgerReason.RESTOCK,
    idempotencyKey: "tea-in",
  });

  const people = await Promise.all(Array.from({ length: customers }, () => n.customer()));
  await Promise.all(
    people.map((person, i) =>
      person.client.orders.placeOrder(orderRequest(person.id, "acme", [["TEA", 1]], `tea-order-${i}`)),
    ),
  );

  // Redelivery: every CustomerCreated and OrderPlaced again under its own event id (the inbox
  // drops them), then again after the inbox was pruned (the unique notification drops them).
  const publisher = await createEventPublisher(n.env);
  const sql = schemaSql<NotificationsDatabase & { inbox: InboxTable }>(n.env.databaseUrl, "notifications");
  try {
    const replay = async () => {
      for (const event of await streamEvents(n.env, "orders", "CustomerCreated")) {
        await publisher.publish("orders", CustomerCreatedSchema, event.payload as never, {
          tenant: event.tenant,
          aggregateId: event.aggregateId,
          id: event.id,
        });
      }
      for (const event of await streamEvents(n.env, "orders", "OrderPlaced")) {
        await publisher.publish("orders", OrderPlacedSchema, event.payload as never, {
          tenant: event.tenant,
          aggregateId: event.aggregateId,
          id: event.id,
        });
      }
    };
    await replay();
    // A welcome and a confirmation per customer. TEA's stock emails, each to the contact and the
    // operator: created with 0 at or below its threshold of 85, low and out at once; the restock to
    // 100 re-arms both; the orders take it down to 80, low again when 85 are left.
    const stockAlerts = [
      "Low stock at acme: TEA (0 left)",
      "Out of stock at acme: TEA",
      "Low stock at acme: TEA (85 left)",
    ];
    const emails = customers * 2 + stockAlerts.length * 2;
    await n.waitNotifications({ channel: NotificationChannel.EMAIL }, (list) => allSent(list, emails));
    await eventsSettled(n.env);
    await sql.deleteFrom("inbox").execute();
    await replay();

    const mail = await n.settledNotifications({ channel: NotificationChannel.EMAIL });
    expect(mail).toHaveLength(emails);
    expect(mail.every((item) => item.status === NotificationStatus.SENT)).toBe(true);
    expect(mail.every((item) => item.attempts === 1)).toBe(true);
    const received = n.smtp.messages;
    expect(received).toHaveLength(emails);
    expect(new Set(received.map((message) => message.messageId))).toEqual(
      new Set(mail.map((item) => `<${item.notificationId}@waybill>`)),
    );
    for (const person of people) {
      const email = (await n.admin.orders.getCustomer({ customerId: person.id })).customer!.email;
      expect(
        n.smtp
          .to(email)
          .map((message) => message.subject.split(" ")[0])
          .sort(),
      ).toEqual(["Welcome", "Your"]);
    }
    // Stock emails follow Inventory's events in stream order (whichever replica handled each).
    const position = await streamPositions(n.env, "inventory");
    for (const address of ["stock@acme.test", adminEmail]) {
      const toAddress = mail
        .filter((item) => item.recipient === address)
        .sort((a, b) => position.get(a.eventId)! - position.get(b.eventId)!);
      expect(toAddress.map((item) => item.subject)).toEqual(stockAlerts);
      expect(
        n.smtp
          .to(address)
          .map((message) => message.subject)
          .sort(),
      ).toEqual([...stockAlerts].sort());
    }

    const deliveries = await n.settledNotifications({ channel: NotificationChannel.WEBHOOK });
    expect(deliveries).toHaveLength(customers);
    expect(deliveries.every((item) => item.status === NotificationStatus.SENT)).toBe(true);
    const posted = n.receiver.to("/orders");
    expect(posted).toHaveLength(customers);
    expect(new Set(posted.map((delivery) => delivery.eventId)).size).toBe(customers);
    expect(posted.every((delivery) => delivery.signatureValid)).toBe(true);

    // The watcher on the second replica saw the feed as it is stored: in order, once each.
    const feed = (await n.admin.notifications.listActivity({ page: { pageSize: 500 } })).entries.reverse();
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
