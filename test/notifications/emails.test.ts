import { Code } from "@connectrpc/connect";
import { AssignmentStatus, CourierAvailability, CourierKind } from "@waybill/contracts/waybill/fleet/v1/fleet_pb.js";
import { LedgerReason } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import {
  type Notification,
  NotificationChannel,
  NotificationStatus,
  NotificationTemplate,
} from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import { OrderStatus } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWaybill } from "../../sdk/src/node.js";
import { fleetService } from "../../services/fleet/index.js";
import { errorOf, orderRequest, waitFor } from "../orders/orders-harness.js";
import {
  adminEmail,
  allPages,
  type NotificationsHarness,
  startNotificationsHarness,
} from "./helpers/notifications-harness.js";

let n: NotificationsHarness;

beforeAll(async () => {
  n = await startNotificationsHarness({ with: [fleetService] });
});
afterAll(() => n?.stop());

const sent = (list: readonly Notification[], count: number) =>
  list.length >= count && list.every((item) => item.status === NotificationStatus.SENT);

async function customerEmail(customerId: string): Promise<string> {
  return (await n.h.admin.orders.getCustomer({ customerId })).customer!.email;
}

describe("customer emails", () => {
  it("welcomes a customer created through Orders, once, over SMTP", async () => {
    const customer = await n.h.customer();
    const email = await customerEmail(customer.id);
    const [welcome] = await n.waitNotifications({ customerId: customer.id }, (list) => sent(list, 1));
    expect(welcome).toMatchObject({
      channel: NotificationChannel.EMAIL,
      template: NotificationTemplate.WELCOME,
      recipient: email,
      brandId: "",
      eventType: "waybill.orders.v1.CustomerCreated",
      status: NotificationStatus.SENT,
      attempts: 1,
      lastError: "",
    });
    const mails = await waitFor(
      async () => n.smtp.to(email),
      (list) => list.length > 0,
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toMatch(/^Welcome to Waybill, Customer \d+$/);
    expect(mails[0]!.messageId).toBe(`<${welcome!.notificationId}@waybill>`);
    expect(mails[0]!.content).toContain(`are confirmed to ${email}`);
  });

  it("confirms an order and emails every status change up to its delivery", async () => {
    await n.h.stock("acme", "MUG", 10);
    const kitchen = await n.h.brand("acme");
    const { courier } = await n.h.admin.fleet.registerCourier({
      kind: CourierKind.RIDER,
      name: "Rita",
      zone: "mitte",
      capacity: 2,
      availability: CourierAvailability.ONLINE,
      idempotencyKey: "rita",
    });
    const customer = await n.h.customer();
    const email = await customerEmail(customer.id);
    const { order } = await customer.client.orders.placeOrder(
      orderRequest(customer.id, "acme", [["MUG", 2]], "order-mug", { deliveryZone: "mitte" }),
    );
    const orderId = order!.orderId;
    for (const status of [OrderStatus.PREPARING, OrderStatus.READY_FOR_DISPATCH]) {
      await kitchen.orders.updateOrderStatus({ orderId, status, idempotencyKey: `move-${status}` });
    }
    await waitFor(
      () => n.h.admin.fleet.getAssignment({ orderId }).catch(() => undefined),
      (r) => r?.assignment?.status === AssignmentStatus.ASSIGNED,
    );
    const rider = createWaybill({
      baseUrl: n.h.waybill.url,
      token: await n.h.waybill.token("courier", undefined, courier!.courierId),
    });
    await rider.fleet.reportPickup({ orderId, idempotencyKey: "pickup" });
    await rider.fleet.reportDelivery({ orderId, receivedBy: "Ada", idempotencyKey: "delivery" });

    const list = await n.waitNotifications({ customerId: customer.id }, (items) => sent(items, 7));
    expect(list.map((item) => NotificationTemplate[item.template]).sort()).toEqual(
      [
        "WELCOME",
        "ORDER_PLACED",
        "ORDER_STATUS_CHANGED",
        "ORDER_STATUS_CHANGED",
        "ORDER_STATUS_CHANGED",
        "ORDER_STATUS_CHANGED",
        "ORDER_DELIVERED",
      ].sort(),
    );
    expect(
      list
        .filter((item) => item.template !== NotificationTemplate.WELCOME)
        .every((item) => item.brandId === "acme" && item.recipient === email),
    ).toBe(true);
    const ref = orderId.slice(0, 8);
    const subjects = (
      await waitFor(
        async () => n.smtp.to(email),
        (mails) => mails.length >= 7,
      )
    ).map((mail) => mail.subject);
    expect(subjects.filter((subject) => subject.includes(ref)).sort()).toEqual(
      [
        `Your order ${ref} is confirmed`,
        `Your order ${ref} is being prepared`,
        `Your order ${ref} is ready for dispatch`,
        `Your order ${ref} is handed to its courier`,
        `Your order ${ref} is on its way`,
        `Your order ${ref} was delivered`,
      ].sort(),
    );
    const delivered = n.smtp.to(email).find((mail) => mail.subject.endsWith("was delivered"))!;
    expect(delivered.content).toContain("received by Ada");
    const confirmed = n.smtp.to(email).find((mail) => mail.subject.endsWith("is confirmed"))!;
    expect(confirmed.content).toContain("2 x Item MUG (MUG)  EUR 10.00");
  });

  it("retries an address the mail server refuses for now, and gives up at once on one it refuses for good", async () => {
    n.smtp.refuseAddress("busy@example.com", { code: 451, message: "Mailbox busy, try again later", times: 2 });
    n.smtp.refuseAddress("nobody@example.com", { code: 550, message: "No such user here" });
    const busy = crypto.randomUUID();
    const nobody = crypto.randomUUID();
    await n.h.admin.orders.createCustomer({
      customerId: busy,
      name: "Busy",
      email: "busy@example.com",
      idempotencyKey: "busy",
    });
    await n.h.admin.orders.createCustomer({
      customerId: nobody,
      name: "Nobody",
      email: "nobody@example.com",
      idempotencyKey: "nobody",
    });

    const [retried] = await n.waitNotifications({ customerId: busy }, (list) => sent(list, 1));
    expect(retried).toMatchObject({ status: NotificationStatus.SENT, attempts: 3 });
    expect(retried!.lastError).toContain("451");
    expect(n.smtp.to("busy@example.com")).toHaveLength(1);

    const [dead] = await n.waitNotifications(
      { customerId: nobody },
      (list) => list[0]?.status === NotificationStatus.DEAD,
    );
    expect(dead).toMatchObject({ status: NotificationStatus.DEAD, attempts: 1 });
    expect(dead!.lastError).toContain("550");
    expect(dead!.nextAttemptTime).toBeUndefined();
  });
});

describe("stock emails", () => {
  it("tells the brand's contact and the operator about low and no stock", async () => {
    const acme = await n.h.brand("acme");
    const contact = { brandId: "acme", email: "Stock@Acme.test", name: "Stock desk", idempotencyKey: "contact-1" };
    const set = await acme.notifications.setBrandContact(contact);
    expect(set.contact).toMatchObject({ brandId: "acme", email: "Stock@Acme.test", name: "Stock desk" });
    expect((await acme.notifications.setBrandContact(contact)).contact?.updateTime).toEqual(set.contact?.updateTime);
    expect((await acme.notifications.getBrandContact({ brandId: "acme" })).contact?.email).toBe("Stock@Acme.test");

    await n.h.admin.inventory.createItem({
      brandId: "acme",
      sku: "LAMP",
      name: "Desk lamp",
      unitPrice: { currencyCode: "EUR", minorUnits: 2500n },
      lowStockThreshold: 3n,
      idempotencyKey: "lamp",
    });
    const adjust = (delta: bigint, key: string) =>
      acme.inventory.adjustStock({
        brandId: "acme",
        sku: "LAMP",
        delta,
        reason: delta > 0n ? LedgerReason.RESTOCK : LedgerReason.ADJUSTMENT,
        idempotencyKey: key,
      });
    await adjust(10n, "lamp-in");
    await adjust(-8n, "lamp-low");
    await adjust(-2n, "lamp-out");

    const stock = await n.waitNotifications({ brandId: "acme", channel: NotificationChannel.EMAIL }, (list) =>
      sent(
        list.filter(
          (item) =>
            item.template === NotificationTemplate.STOCK_LOW || item.template === NotificationTemplate.OUT_OF_STOCK,
        ),
        4,
      ),
    );
    const recipients = (template: NotificationTemplate) =>
      stock
        .filter((item) => item.template === template)
        .map((item) => item.recipient)
        .sort();
    expect(recipients(NotificationTemplate.STOCK_LOW)).toEqual([adminEmail, "stock@acme.test"]);
    expect(recipients(NotificationTemplate.OUT_OF_STOCK)).toEqual([adminEmail, "stock@acme.test"]);
    for (const address of ["stock@acme.test", adminEmail]) {
      const subjects = (
        await waitFor(
          async () => n.smtp.to(address),
          (mails) => mails.length >= 2,
        )
      ).map((mail) => mail.subject);
      expect(subjects).toContain("Low stock at acme: LAMP (2 left)");
      expect(subjects).toContain("Out of stock at acme: LAMP");
    }
    expect(n.smtp.to("stock@acme.test").find((mail) => mail.subject.startsWith("Low"))!.content).toContain(
      "Desk lamp (LAMP) of acme is low on stock: 2 available",
    );
  });

  it("tells only the operator when the brand has no contact", async () => {
    await n.h.admin.inventory.createItem({
      brandId: "globex",
      sku: "CUP",
      name: "Cup",
      unitPrice: { currencyCode: "EUR", minorUnits: 500n },
      lowStockThreshold: 5n,
      idempotencyKey: "cup",
    });
    const globex = await n.h.brand("globex");
    await globex.inventory.adjustStock({
      brandId: "globex",
      sku: "CUP",
      delta: 4n,
      reason: LedgerReason.RESTOCK,
      idempotencyKey: "cup-in",
    });
    const list = await n.waitNotifications({ brandId: "globex", template: NotificationTemplate.STOCK_LOW }, (items) =>
      sent(items, 1),
    );
    expect(list.map((item) => item.recipient)).toEqual([adminEmail]);
    expect((await errorOf(globex.notifications.getBrandContact({ brandId: "globex" }))).code).toBe(Code.NotFound);
  });
});

describe("reading notifications", () => {
  it("lists and pages notifications with filters, newest first", async () => {
    const all = await n.notifications();
    expect(all.length).toBeGreaterThan(10);
    const times = all.map((item) => item.createTime!.seconds * 1_000_000_000n + BigInt(item.createTime!.nanos));
    expect([...times].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))).toEqual(times);

    const ids = await allPages(async (pageToken) => {
      const page = await n.h.admin.notifications.listNotifications({ page: { pageSize: 4, pageToken } });
      return [page.notifications.map((item) => item.notificationId), page.page?.nextPageToken];
    });
    expect(ids).toEqual(all.map((item) => item.notificationId));

    const dead = await n.notifications({ statuses: [NotificationStatus.DEAD] });
    expect(dead.map((item) => item.recipient)).toEqual(["nobody@example.com"]);
    const welcomes = await n.notifications({ template: NotificationTemplate.WELCOME });
    expect(welcomes.every((item) => item.template === NotificationTemplate.WELCOME && item.brandId === "")).toBe(true);
    const toAdmin = await n.notifications({ recipient: adminEmail });
    expect(toAdmin.map((item) => item.brandId).sort()).toEqual(["acme", "acme", "globex"]);
  });

  it("keeps each brand to its own notifications and refuses the rest", async () => {
    const acme = await n.h.brand("acme");
    const own = (await acme.notifications.listNotifications({})).notifications;
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((item) => item.brandId === "acme")).toBe(true);
    expect((await errorOf(acme.notifications.listNotifications({ brandId: "globex" }))).code).toBe(
      Code.PermissionDenied,
    );

    const welcome = (await n.notifications({ template: NotificationTemplate.WELCOME }))[0]!;
    expect(
      (await n.h.admin.notifications.getNotification({ notificationId: welcome.notificationId })).notification
        ?.recipient,
    ).toBe(welcome.recipient);
    expect((await errorOf(acme.notifications.getNotification({ notificationId: welcome.notificationId }))).code).toBe(
      Code.PermissionDenied,
    );
    expect(
      (await acme.notifications.getNotification({ notificationId: own[0]!.notificationId })).notification?.brandId,
    ).toBe("acme");
    expect((await errorOf(n.h.admin.notifications.getNotification({ notificationId: crypto.randomUUID() }))).code).toBe(
      Code.NotFound,
    );

    const customer = await n.h.customer();
    expect((await errorOf(customer.client.notifications.listNotifications({}))).code).toBe(Code.PermissionDenied);
    expect(
      (
        await errorOf(
          acme.notifications.setBrandContact({ brandId: "globex", email: "x@globex.test", idempotencyKey: "steal" }),
        )
      ).code,
    ).toBe(Code.PermissionDenied);
    expect((await errorOf(acme.notifications.getBrandContact({ brandId: "globex" }))).code).toBe(Code.PermissionDenied);
    expect(
      (
        await errorOf(
          acme.notifications.setBrandContact({ brandId: "acme", email: "not an address", idempotencyKey: "bad" }),
        )
      ).code,
    ).toBe(Code.InvalidArgument);
  });
});
