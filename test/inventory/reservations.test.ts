import { timestampDate } from "@bufbuild/protobuf/wkt";
import { Code } from "@connectrpc/connect";
import {
  LedgerReason,
  ReservationStatus,
  StockShortageSchema,
} from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import type { Waybill } from "@waybill/sdk";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InventoryDatabase } from "../../services/inventory/storage/inventory-database.js";
import { eventTables } from "../../services/kit/events/event-tables.js";
import { errorOf, ledgerOf, levelOf, orderId, stockedItem } from "../support/index.js";
import { type InventoryHarness, startInventoryHarness } from "./helpers/inventory-harness.js";

let h: InventoryHarness;
let acme: Waybill;
let service: Waybill;
let sql: Kysely<InventoryDatabase>;

beforeAll(async () => {
  h = await startInventoryHarness({ RESERVATION_TTL_MS: "600000" });
  ({ acme, service, sql } = h);
});
afterAll(() => h?.stop());

const reservationEvents = async (id: string) =>
  (
    await eventTables(sql, "inventory")
      .selectFrom("outbox")
      .select("id")
      .where("event_type", "=", "waybill.inventory.v1.ReservationChanged")
      .where("aggregate_id", "=", id)
      .execute()
  ).length;

describe("ReserveStock", () => {
  it("holds all lines or none and names every short SKU with what was requested and available", async () => {
    for (const [sku, onHand] of [
      ["R-A", 10],
      ["R-B", 2],
      ["R-C", 0],
      ["R-D", 5],
    ] as const)
      await stockedItem(acme, "acme", sku, onHand);
    const id = orderId();
    const refused = await errorOf(
      service.inventory.reserveStock({
        orderId: id,
        brandId: "acme",
        lines: [
          { sku: "R-D", quantity: 2n },
          { sku: "R-B", quantity: 3n },
          { sku: "R-A", quantity: 3n },
          { sku: "R-C", quantity: 1n },
          { sku: "R-B", quantity: 2n },
        ],
      }),
    );
    expect(refused.code).toBe(Code.FailedPrecondition);
    const [shortage] = refused.findDetails(StockShortageSchema);
    expect(shortage?.skus.map((s) => ({ sku: s.sku, requested: s.requested, available: s.available }))).toEqual([
      { sku: "R-B", requested: 5n, available: 2n },
      { sku: "R-C", requested: 1n, available: 0n },
    ]);
    expect(refused.rawMessage).toContain("R-B (5 requested and 2 available)");
    for (const sku of ["R-A", "R-B", "R-C", "R-D"]) expect((await levelOf(acme, "acme", sku)).reserved).toBe(0);
    expect((await ledgerOf(acme, "acme", "R-A")).map((e) => e.reason)).toEqual([LedgerReason.RESTOCK]);

    // Nothing was kept of the refused attempt: the same order id may try again.
    const retried = await service.inventory.reserveStock({
      orderId: id,
      brandId: "acme",
      lines: [{ sku: "R-A", quantity: 3n }],
    });
    expect(retried.reservation?.status).toBe(ReservationStatus.HELD);
  });

  it("refuses an unknown SKU with NOT_FOUND naming it and holds nothing", async () => {
    await stockedItem(acme, "acme", "U-1", 5);
    const unknown = await errorOf(
      service.inventory.reserveStock({
        orderId: orderId(),
        brandId: "acme",
        lines: [
          { sku: "U-1", quantity: 1n },
          { sku: "NOPE", quantity: 1n },
        ],
      }),
    );
    expect(unknown.code).toBe(Code.NotFound);
    expect(unknown.rawMessage).toBe("brand acme has no item NOPE");
    expect((await levelOf(acme, "acme", "U-1")).reserved).toBe(0);
  });

  it("sums repeated SKUs, prices lines at hold time and expires HELD holds after the TTL", async () => {
    await stockedItem(acme, "acme", "P-1", 10, { price: 1250n });
    await stockedItem(acme, "acme", "P-2", 10, { price: 99n });
    const id = orderId();
    const before = Date.now();
    const { reservation } = await service.inventory.reserveStock({
      orderId: id,
      brandId: "acme",
      lines: [
        { sku: "P-2", quantity: 1n },
        { sku: "P-1", quantity: 2n },
        { sku: "P-2", quantity: 3n },
      ],
    });
    expect(
      reservation?.lines.map((l) => [l.sku, l.quantity, l.unitPrice?.currencyCode, l.unitPrice?.minorUnits]),
    ).toEqual([
      ["P-1", 2n, "EUR", 1250n],
      ["P-2", 4n, "EUR", 99n],
    ]);
    expect(reservation?.status).toBe(ReservationStatus.HELD);
    const expires = timestampDate(reservation!.expireTime!).getTime();
    expect(expires).toBeGreaterThanOrEqual(before + 600_000 - 1_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 600_000 + 1_000);
    expect(await levelOf(acme, "acme", "P-2")).toMatchObject({ onHand: 10, reserved: 4, available: 6 });
    const entries = await ledgerOf(acme, "acme", "P-2");
    expect(entries.at(-1)).toMatchObject({
      reason: LedgerReason.RESERVE,
      deltaReserved: 4n,
      deltaOnHand: 0n,
      reference: id,
      actor: "service-test",
    });

    // A later price change does not touch the hold.
    await acme.inventory.updateItem({
      brandId: "acme",
      sku: "P-1",
      unitPrice: { currencyCode: "EUR", minorUnits: 2000n },
      updateMask: { paths: ["unit_price"] },
      idempotencyKey: "price-p1",
    });
    const again = await service.inventory.reserveStock({
      orderId: id,
      brandId: "acme",
      lines: [{ sku: "P-1", quantity: 1n }],
    });
    expect(again.reservation?.lines[0]?.unitPrice?.minorUnits).toBe(1250n);
    expect(await reservationEvents(id)).toBe(1);
  });

  it("is idempotent on the order id, also when the duplicates are concurrent", async () => {
    await stockedItem(acme, "acme", "I-1", 100);
    const id = orderId();
    const request = { orderId: id, brandId: "acme", lines: [{ sku: "I-1", quantity: 7n }] };
    const results = await Promise.all(Array.from({ length: 25 }, () => service.inventory.reserveStock(request)));
    expect(
      new Set(results.map((r) => JSON.stringify(r.reservation?.lines.map((l) => [l.sku, String(l.quantity)])))),
    ).toEqual(new Set([JSON.stringify([["I-1", "7"]])]));
    expect(await levelOf(acme, "acme", "I-1")).toMatchObject({ reserved: 7, sequence: 2 });
    expect((await ledgerOf(acme, "acme", "I-1")).filter((e) => e.reason === LedgerReason.RESERVE)).toHaveLength(1);

    // Another request under the same order id returns the existing hold, whatever its status.
    const other = await service.inventory.reserveStock({ ...request, lines: [{ sku: "I-1", quantity: 50n }] });
    expect(other.reservation?.lines[0]?.quantity).toBe(7n);
    await service.inventory.releaseReservation({ orderId: id, reason: "test" });
    const released = await service.inventory.reserveStock(request);
    expect(released.reservation?.status).toBe(ReservationStatus.RELEASED);
    expect((await levelOf(acme, "acme", "I-1")).reserved).toBe(0);
    const otherBrand = await errorOf(service.inventory.reserveStock({ ...request, brandId: "globex" }));
    expect(otherBrand.code).toBe(Code.FailedPrecondition);
  });

  it("is for internal callers only", async () => {
    const request = { orderId: orderId(), brandId: "acme", lines: [{ sku: "I-1", quantity: 1n }] };
    expect((await errorOf(acme.inventory.reserveStock(request))).code).toBe(Code.PermissionDenied);
    const customer = await h.as("customer");
    expect((await errorOf(customer.inventory.reserveStock(request))).code).toBe(Code.PermissionDenied);
  });
});

describe("the reservation life cycle", () => {
  it("confirms, commits at dispatch, and repeats each step harmlessly", async () => {
    await stockedItem(acme, "acme", "L-1", 10);
    const id = orderId();
    await service.inventory.reserveStock({ orderId: id, brandId: "acme", lines: [{ sku: "L-1", quantity: 4n }] });
    const confirmed = await service.inventory.confirmReservation({ orderId: id });
    expect(confirmed.reservation?.status).toBe(ReservationStatus.CONFIRMED);
    expect(confirmed.reservation?.expireTime).toBeUndefined();
    expect((await service.inventory.confirmReservation({ orderId: id })).reservation?.status).toBe(
      ReservationStatus.CONFIRMED,
    );

    const committed = await service.inventory.commitReservation({ orderId: id });
    expect(committed.reservation?.status).toBe(ReservationStatus.COMMITTED);
    expect(await levelOf(acme, "acme", "L-1")).toMatchObject({ onHand: 6, reserved: 0, available: 6 });
    expect((await ledgerOf(acme, "acme", "L-1")).at(-1)).toMatchObject({
      reason: LedgerReason.COMMIT,
      deltaOnHand: -4n,
      deltaReserved: -4n,
      reference: id,
    });

    expect((await service.inventory.commitReservation({ orderId: id })).reservation?.status).toBe(
      ReservationStatus.COMMITTED,
    );
    expect((await service.inventory.confirmReservation({ orderId: id })).reservation?.status).toBe(
      ReservationStatus.COMMITTED,
    );
    const release = await errorOf(service.inventory.releaseReservation({ orderId: id }));
    expect(release.code).toBe(Code.FailedPrecondition);
    expect(await levelOf(acme, "acme", "L-1")).toMatchObject({ onHand: 6, reserved: 0, sequence: 3 });
    expect(await reservationEvents(id)).toBe(3);
  });

  it("releases a hold once, and refuses to confirm or commit it afterwards", async () => {
    await stockedItem(acme, "acme", "L-2", 10);
    const id = orderId();
    await service.inventory.reserveStock({ orderId: id, brandId: "acme", lines: [{ sku: "L-2", quantity: 3n }] });
    await service.inventory.confirmReservation({ orderId: id });
    const released = await service.inventory.releaseReservation({ orderId: id, reason: "customer cancelled" });
    expect(released.reservation?.status).toBe(ReservationStatus.RELEASED);
    expect((await service.inventory.releaseReservation({ orderId: id })).reservation?.status).toBe(
      ReservationStatus.RELEASED,
    );
    expect(await levelOf(acme, "acme", "L-2")).toMatchObject({ onHand: 10, reserved: 0, sequence: 3 });
    expect((await ledgerOf(acme, "acme", "L-2")).at(-1)).toMatchObject({
      reason: LedgerReason.RELEASE,
      deltaReserved: -3n,
      reference: `${id} (customer cancelled)`,
    });
    expect((await errorOf(service.inventory.confirmReservation({ orderId: id }))).code).toBe(Code.FailedPrecondition);
    expect((await errorOf(service.inventory.commitReservation({ orderId: id }))).code).toBe(Code.FailedPrecondition);
    const missing = await errorOf(service.inventory.confirmReservation({ orderId: orderId() }));
    expect(missing.code).toBe(Code.NotFound);
  });

  it("remembers a release of an order that holds nothing, so a ReserveStock arriving later holds nothing", async () => {
    await stockedItem(acme, "acme", "L-3", 5);
    const id = orderId();
    const released = await service.inventory.releaseReservation({ orderId: id, reason: "placement abandoned" });
    expect(released.reservation).toMatchObject({ orderId: id, status: ReservationStatus.RELEASED, lines: [] });
    const late = await service.inventory.reserveStock({
      orderId: id,
      brandId: "acme",
      lines: [{ sku: "L-3", quantity: 2n }],
    });
    expect(late.reservation?.status).toBe(ReservationStatus.RELEASED);
    expect(await levelOf(acme, "acme", "L-3")).toMatchObject({ onHand: 5, reserved: 0, sequence: 1 });
    expect(await reservationEvents(id)).toBe(0);
    expect((await errorOf(service.inventory.confirmReservation({ orderId: id }))).code).toBe(Code.FailedPrecondition);
  });

  it("returns stock once per idempotency key, and only to the caller's own brand", async () => {
    await stockedItem(acme, "acme", "RET-1", 5);
    const id = orderId();
    // Only goods an order of the brand consumed can come back (return-stock-checks.test.ts).
    await service.inventory.reserveStock({ orderId: id, brandId: "acme", lines: [{ sku: "RET-1", quantity: 3n }] });
    await service.inventory.confirmReservation({ orderId: id });
    await service.inventory.commitReservation({ orderId: id });
    const request = {
      orderId: id,
      brandId: "acme",
      lines: [
        { sku: "RET-1", quantity: 2n },
        { sku: "RET-1", quantity: 1n },
      ],
      idempotencyKey: "return-1",
    };
    const first = await acme.inventory.returnStock(request);
    expect(first.stock.map((s) => [s.sku, s.onHand])).toEqual([["RET-1", 5n]]);
    const replay = await acme.inventory.returnStock(request);
    expect(replay.stock[0]?.ledgerSequence).toBe(first.stock[0]?.ledgerSequence);
    expect(await levelOf(acme, "acme", "RET-1")).toMatchObject({ onHand: 5, sequence: 4 });
    expect((await ledgerOf(acme, "acme", "RET-1")).at(-1)).toMatchObject({
      reason: LedgerReason.RETURN,
      deltaOnHand: 3n,
      reference: id,
      idempotencyKey: "return-1",
    });
    expect(
      (await errorOf(acme.inventory.returnStock({ ...request, lines: [{ sku: "RET-1", quantity: 9n }] }))).code,
    ).toBe(Code.FailedPrecondition);
    expect(
      (
        await errorOf(
          acme.inventory.returnStock({ ...request, lines: [{ sku: "NOPE", quantity: 1n }], idempotencyKey: "r2" }),
        )
      ).code,
      // A SKU the order did not commit (here not even an item) cannot come back.
    ).toBe(Code.FailedPrecondition);
    const globex = await h.as("brand", "globex");
    expect((await errorOf(globex.inventory.returnStock({ ...request, idempotencyKey: "r3" }))).code).toBe(
      Code.PermissionDenied,
    );
    expect((await errorOf(globex.inventory.getStock({ brandId: "acme", sku: "RET-1" }))).code).toBe(
      Code.PermissionDenied,
    );
  });
});
