import { Code } from "@connectrpc/connect";
import { LedgerReason } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import {
  NotificationChannel,
  NotificationStatus,
  NotificationTemplate,
} from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fleetService } from "../../services/fleet/index.js";
import { allPages, changeStock, errorOf, itemRequest, orderRequest, streamPositions } from "../support/index.js";
import { adminEmail, type NotificationsHarness, startNotificationsHarness } from "./helpers/notifications-harness.js";

let n: NotificationsHarness;

beforeAll(async () => {
  n = await startNotificationsHarness({ with: [fleetService] });
});
afterAll(() => n?.stop());

async function customerEmail(customerId: string): Promise<string> {
  return (await n.admin.orders.getCustomer({ customerId })).customer!.email;
}

/**
 * The subjects of the stock emails about a brand's items, per address, in the order of the
 * Inventory events that called for them (once every event has been handled and every email sent).
 */
async function stockEmailsOf(brandId: string): Promise<Record<string, string[]>> {
  const emails = await n.settledNotifications({ brandId, channel: NotificationChannel.EMAIL });
  expect(emails.every((email) => email.status === NotificationStatus.SENT)).toBe(true);
  const position = await streamPositions(n.env, "inventory");
  const inStreamOrder = [...emails].sort((a, b) => position.get(a.eventId)! - position.get(b.eventId)!);
  const byAddress: Record<string, string[]> = {};
  for (const email of inStreamOrder)
    byAddress[email.recipient] = [...(byAddress[email.recipient] ?? []), email.subject];
  return byAddress;
}

/** The subjects the SMTP server received for `address` that mention `text`, sorted (senders work side by side). */
const mailedSubjects = (address: string, text: string) =>
  n.smtp
    .to(address)
    .map((mail) => mail.subject)
    .filter((subject) => subject.includes(text))
    .sort();

describe("customer emails", () => {
  it("welcomes a customer created through Orders, once, over SMTP", async () => {
    const customer = await n.customer();
    const email = await customerEmail(customer.id);
    const [welcome, ...more] = await n.settledNotifications({ customerId: customer.id });
    expect(more).toEqual([]);
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
    const mails = n.smtp.to(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toMatch(/^Welcome to Waybill, Customer \d+$/);
    expect(mails[0]!.messageId).toBe(`<${welcome!.notificationId}@waybill>`);
    expect(mails[0]!.content).toContain(`are confirmed to ${email}`);
  });

  it("confirms an order and emails every status change up to its delivery", async () => {
    await n.stock("acme", "MUG", 10);
    await n.rider("mitte");
    const customer = await n.customer();
    const email = await customerEmail(customer.id);
    const { order } = await customer.client.orders.placeOrder(
      orderRequest(customer.id, "acme", [["MUG", 2]], "order-mug", { deliveryZone: "mitte" }),
    );
    const orderId = order!.orderId;
    await n.deliverByRider(orderId, "acme");

    const list = await n.settledNotifications({ customerId: customer.id });
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
    expect(list.every((item) => item.status === NotificationStatus.SENT && item.recipient === email)).toBe(true);
    expect(
      list.filter((item) => item.template !== NotificationTemplate.WELCOME).every((item) => item.brandId === "acme"),
    ).toBe(true);
    const ref = orderId.slice(0, 8);
    expect(mailedSubjects(email, ref)).toEqual(
      [
        `Your order ${ref} is confirmed`,
        `Your order ${ref} is being prepared`,
        `Your order ${ref} is ready for dispatch`,
        `Your order ${ref} is handed to its courier`,
        `Your order ${ref} is on its way`,
        `Your order ${ref} was delivered`,
      ].sort(),
    );
    expect(n.smtp.to(email)).toHaveLength(7);
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
    await n.admin.orders.createCustomer({
      customerId: busy,
      name: "Busy",
      email: "busy@example.com",
      idempotencyKey: "busy",
    });
    await n.admin.orders.createCustomer({
      customerId: nobody,
      name: "Nobody",
      email: "nobody@example.com",
      idempotencyKey: "nobody",
    });

    const [retried, ...moreRetried] = await n.settledNotifications({ customerId: busy });
    expect(moreRetried).toEqual([]);
    expect(retried).toMatchObject({ status: NotificationStatus.SENT, attempts: 3 });
    expect(retried!.lastError).toContain("451");
    expect(n.smtp.to("busy@example.com")).toHaveLength(1);

    const [dead, ...moreDead] = await n.settledNotifications({ customerId: nobody });
    expect(moreDead).toEqual([]);
    expect(dead).toMatchObject({ status: NotificationStatus.DEAD, attempts: 1 });
    expect(dead!.lastError).toContain("550");
    expect(dead!.nextAttemptTime).toBeUndefined();
    expect(n.smtp.to("nobody@example.com")).toEqual([]);
  });
});

describe("stock emails", () => {
  it("tells the brand's contact and the operator about low and no stock, from the item's creation on", async () => {
    const initech = await n.brand("initech");
    const contact = {
      brandId: "initech",
      email: "Stock@Initech.test",
      name: "Stock desk",
      idempotencyKey: "contact-1",
    };
    const set = await initech.notifications.setBrandContact(contact);
    expect(set.contact).toMatchObject({ brandId: "initech", email: "Stock@Initech.test", name: "Stock desk" });
    expect((await initech.notifications.setBrandContact(contact)).contact?.updateTime).toEqual(set.contact?.updateTime);
    expect((await initech.notifications.getBrandContact({ brandId: "initech" })).contact?.email).toBe(
      "Stock@Initech.test",
    );

    await n.admin.inventory.createItem(
      itemRequest("initech", "LAMP", { name: "Desk lamp", price: 2500n, threshold: 3n }),
    );
    const adjust = (delta: bigint, key: string) => changeStock(initech, "initech", "LAMP", delta, key);
    await adjust(10n, "lamp-in");
    await adjust(-8n, "lamp-low");
    await adjust(-2n, "lamp-out");

    // Created with 0 available, at or below its threshold of 3: low and out at once. The restock to
    // 10 re-arms both; -8 leaves 2: low again; -2 leaves none: out again. Each goes to both addresses.
    const expected = [
      "Low stock at initech: LAMP (0 left)",
      "Out of stock at initech: LAMP",
      "Low stock at initech: LAMP (2 left)",
      "Out of stock at initech: LAMP",
    ];
    expect(await stockEmailsOf("initech")).toEqual({ "stock@initech.test": expected, [adminEmail]: expected });
    for (const address of ["stock@initech.test", adminEmail])
      expect(mailedSubjects(address, "initech")).toEqual([...expected].sort());
    expect(n.smtp.to("stock@initech.test").find((mail) => mail.subject.includes("(2 left)"))!.content).toContain(
      "Desk lamp (LAMP) of initech is low on stock: 2 available",
    );
  });

  it("tells only the operator when the brand has no contact", async () => {
    await n.admin.inventory.createItem(itemRequest("globex", "CUP", { name: "Cup", threshold: 5n }));
    const globex = await n.brand("globex");
    await globex.inventory.adjustStock({
      brandId: "globex",
      sku: "CUP",
      delta: 4n,
      reason: LedgerReason.RESTOCK,
      idempotencyKey: "cup-in",
    });
    // Created with 0, at or below 5: low and out at once; 4 is still low, which is not told again.
    expect(await stockEmailsOf("globex")).toEqual({
      [adminEmail]: ["Low stock at globex: CUP (0 left)", "Out of stock at globex: CUP"],
    });
    expect((await errorOf(globex.notifications.getBrandContact({ brandId: "globex" }))).code).toBe(Code.NotFound);
  });
});

describe("reading notifications", () => {
  it("lists and pages notifications with filters, newest first", async () => {
    const umbrella = await n.brand("umbrella");
    n.smtp.refuseAddress("desk@umbrella.test", { code: 550, message: "No such user here" });
    await umbrella.notifications.setBrandContact({
      brandId: "umbrella",
      email: "desk@umbrella.test",
      idempotencyKey: "umbrella-contact",
    });
    for (const sku of ["U-1", "U-2", "U-3"])
      await n.admin.inventory.createItem(itemRequest("umbrella", sku, { threshold: 1n }));
    const customer = await n.customer();

    // Each item is created with 0, at or below its threshold: low and out, to the contact (whose
    // address the mail server refuses for good) and to the operator.
    const all = await n.settledNotifications({ brandId: "umbrella" });
    expect(all).toHaveLength(3 * 2 * 2);
    const times = all.map((item) => item.createTime!.seconds * 1_000_000_000n + BigInt(item.createTime!.nanos));
    expect([...times].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))).toEqual(times);
    const ids = await allPages(async (pageToken) => {
      const page = await n.admin.notifications.listNotifications({
        brandId: "umbrella",
        page: { pageSize: 5, pageToken },
      });
      return [page.notifications.map((item) => item.notificationId), page.page?.nextPageToken];
    });
    expect(ids).toEqual(all.map((item) => item.notificationId));

    const dead = await n.notifications({ brandId: "umbrella", statuses: [NotificationStatus.DEAD] });
    expect(dead.map((item) => item.recipient)).toEqual(Array.from({ length: 6 }, () => "desk@umbrella.test"));
    const toAdmin = await n.notifications({ brandId: "umbrella", recipient: adminEmail });
    expect(toAdmin.map((item) => NotificationTemplate[item.template]).sort()).toEqual(
      ["STOCK_LOW", "STOCK_LOW", "STOCK_LOW", "OUT_OF_STOCK", "OUT_OF_STOCK", "OUT_OF_STOCK"].sort(),
    );
    expect(toAdmin.every((item) => item.status === NotificationStatus.SENT)).toBe(true);
    const outOfStock = await n.notifications({ brandId: "umbrella", template: NotificationTemplate.OUT_OF_STOCK });
    expect(outOfStock).toHaveLength(6);

    const [welcome] = await n.settledNotifications({ customerId: customer.id });
    const welcomes = await n.notifications({ template: NotificationTemplate.WELCOME });
    expect(welcomes.map((item) => item.notificationId)).toContain(welcome!.notificationId);
    expect(welcomes.every((item) => item.template === NotificationTemplate.WELCOME && item.brandId === "")).toBe(true);
  });

  it("keeps each brand to its own notifications and refuses the rest", async () => {
    const hooli = await n.brand("hooli");
    await n.admin.inventory.createItem(itemRequest("hooli", "H-1"));
    const customer = await n.customer();
    const own = await n.settledNotifications({ brandId: "hooli" });
    expect(own.map((item) => NotificationTemplate[item.template]).sort()).toEqual(["OUT_OF_STOCK", "STOCK_LOW"]);
    expect((await hooli.notifications.listNotifications({})).notifications).toEqual(own);
    expect((await errorOf(hooli.notifications.listNotifications({ brandId: "globex" }))).code).toBe(
      Code.PermissionDenied,
    );

    const [welcome] = await n.settledNotifications({ customerId: customer.id });
    expect(
      (await n.admin.notifications.getNotification({ notificationId: welcome!.notificationId })).notification
        ?.recipient,
    ).toBe(welcome!.recipient);
    // Another brand's (here the platform's) notification is answered like a missing one.
    expect((await errorOf(hooli.notifications.getNotification({ notificationId: welcome!.notificationId }))).code).toBe(
      Code.NotFound,
    );
    expect(
      (await hooli.notifications.getNotification({ notificationId: own[0]!.notificationId })).notification?.brandId,
    ).toBe("hooli");
    expect((await errorOf(n.admin.notifications.getNotification({ notificationId: crypto.randomUUID() }))).code).toBe(
      Code.NotFound,
    );

    expect((await errorOf(customer.client.notifications.listNotifications({}))).code).toBe(Code.PermissionDenied);
    expect(
      (
        await errorOf(
          hooli.notifications.setBrandContact({ brandId: "globex", email: "x@globex.test", idempotencyKey: "steal" }),
        )
      ).code,
    ).toBe(Code.PermissionDenied);
    expect((await errorOf(hooli.notifications.getBrandContact({ brandId: "globex" }))).code).toBe(
      Code.PermissionDenied,
    );
    expect(
      (
        await errorOf(
          hooli.notifications.setBrandContact({ brandId: "hooli", email: "not an address", idempotencyKey: "bad" }),
        )
      ).code,
    ).toBe(Code.InvalidArgument);
  });
});
