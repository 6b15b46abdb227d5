import { isMessage } from "@bufbuild/protobuf";
import { Code } from "@connectrpc/connect";
import { CustomerCreatedSchema, CustomerUpdatedSchema } from "@waybill/contracts/waybill/orders/v1/events_pb.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorOf, publishedEvents } from "../support/index.js";
import { type OrdersHarness, startOrdersHarness } from "./orders-harness.js";

let harness: OrdersHarness;

beforeAll(async () => {
  harness = await startOrdersHarness();
});
afterAll(() => harness?.stop());

describe("customers", () => {
  it("lets a customer create their own profile under their token's subject, and publishes CustomerCreated", async () => {
    const id = crypto.randomUUID();
    const self = await harness.asCustomer(id);
    const created = await self.orders.createCustomer({
      name: "Grace Hopper",
      email: "grace@example.com",
      phone: "+4915112345678",
      idempotencyKey: "signup",
    });
    expect(created.customer).toMatchObject({
      customerId: id,
      name: "Grace Hopper",
      email: "grace@example.com",
      phone: "+4915112345678",
    });
    const replay = await self.orders.createCustomer({
      name: "Grace Hopper",
      email: "grace@example.com",
      phone: "+4915112345678",
      idempotencyKey: "signup",
    });
    expect(replay.customer?.createTime).toEqual(created.customer?.createTime);
    expect((await self.orders.getCustomer({ customerId: id })).customer?.email).toBe("grace@example.com");

    const welcome = await publishedEvents(harness.env, "orders", "CustomerCreated", id);
    expect(welcome).toHaveLength(1);
    const payload = welcome[0]!.payload;
    expect(isMessage(payload, CustomerCreatedSchema) && payload.customer?.email).toBe("grace@example.com");
  });

  it("refuses a customer acting for someone else, and another customer's email", async () => {
    const id = crypto.randomUUID();
    const self = await harness.asCustomer(id);
    const other = crypto.randomUUID();
    expect(
      (
        await errorOf(
          self.orders.createCustomer({ customerId: other, name: "X", email: "x@example.com", idempotencyKey: "k" }),
        )
      ).code,
    ).toBe(Code.PermissionDenied);
    await self.orders.createCustomer({ name: "Alan Turing", email: "alan@example.com", idempotencyKey: "k" });
    await harness.admin.orders.createCustomer({
      customerId: other,
      name: "Other",
      email: "other@example.com",
      idempotencyKey: `admin-${other}`,
    });
    expect((await errorOf(self.orders.getCustomer({ customerId: other }))).code).toBe(Code.PermissionDenied);
    const update = { customerId: other, name: "Hijack", updateMask: { paths: ["name"] }, idempotencyKey: "u1" };
    expect((await errorOf(self.orders.updateCustomer(update))).code).toBe(Code.PermissionDenied);
    const taken = await errorOf(
      harness.admin.orders.createCustomer({ name: "Copy", email: "ALAN@example.com", idempotencyKey: "copy" }),
    );
    expect(taken.code).toBe(Code.AlreadyExists);
    expect(taken.rawMessage).toContain("email");
    expect(
      (
        await errorOf(
          harness.admin.orders.createCustomer({
            customerId: id,
            name: "Again",
            email: "again@example.com",
            idempotencyKey: "again",
          }),
        )
      ).code,
    ).toBe(Code.AlreadyExists);
    expect((await errorOf(harness.admin.orders.getCustomer({ customerId: crypto.randomUUID() }))).code).toBe(
      Code.NotFound,
    );
    const brand = await harness.brand("acme");
    expect((await errorOf(brand.orders.getCustomer({ customerId: id }))).code).toBe(Code.PermissionDenied);
  });

  it("updates the fields in the mask, replays a retried key, and publishes the fields that changed", async () => {
    const id = crypto.randomUUID();
    const self = await harness.asCustomer(id);
    await self.orders.createCustomer({ name: "Ada", email: "ada@example.com", idempotencyKey: "k" });
    const request = {
      customerId: id,
      name: "Ada Lovelace",
      email: "ada@example.com",
      phone: "+441234567890",
      updateMask: { paths: ["name", "email", "phone"] },
      idempotencyKey: "u1",
    };
    const updated = await self.orders.updateCustomer(request);
    expect(updated.customer).toMatchObject({ name: "Ada Lovelace", email: "ada@example.com", phone: "+441234567890" });
    const replay = await self.orders.updateCustomer(request);
    expect(replay.customer?.updateTime).toEqual(updated.customer?.updateTime);
    const cleared = await self.orders.updateCustomer({
      customerId: id,
      phone: "",
      updateMask: { paths: ["phone"] },
      idempotencyKey: "u2",
    });
    expect(cleared.customer).toMatchObject({ name: "Ada Lovelace", phone: "" });
    await harness.admin.orders.createCustomer({ name: "Taken", email: "taken@example.com", idempotencyKey: "taken" });
    const clash = await errorOf(
      self.orders.updateCustomer({
        customerId: id,
        email: "Taken@Example.com",
        updateMask: { paths: ["email"] },
        idempotencyKey: "u3",
      }),
    );
    expect(clash.code).toBe(Code.AlreadyExists);

    const changed = (await publishedEvents(harness.env, "orders", "CustomerUpdated", id)).map((e) =>
      isMessage(e.payload, CustomerUpdatedSchema) ? e.payload.changedFields : [],
    );
    expect(changed).toEqual([["name", "phone"], ["phone"]]);
  });
});
