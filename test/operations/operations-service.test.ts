import { randomUUID } from "node:crypto";
import { ViolationsSchema } from "@bufbuild/protovalidate/gen/buf/validate/validate_pb.js";
import { type Client, Code, type ConnectError } from "@connectrpc/connect";
import { DeadLetterReason, type OperationsService } from "@waybill/contracts/waybill/operations/v1/operations_pb.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RoleName } from "../../services/kit/auth/index.js";
import { domainStreamName } from "../../services/kit/events/index.js";
import { errorOf, waitUntil } from "../support/index.js";
import { startTestWaybill, type TestWaybill } from "../support/test-waybill.js";
import { operationsClient } from "./operations-client.js";
import { type StuckEvent, stickEvent } from "./stuck-event.js";

// OperationsService against a real Waybill: an event Notifications' activity consumer keeps
// failing on (a PostgreSQL trigger refusing its activity row) is dead-lettered by JetStream after
// its deliveries, listed with its reason, redriven once the fault is gone, and processed.

const itemCreated = "waybill.inventory.v1.ItemCreated";
let waybill: TestWaybill;
let admin: Client<typeof OperationsService>;
let stuck: StuckEvent;

/** OperationsService with a token of `role`. */
async function operationsAs(role: RoleName, brand?: string): Promise<Client<typeof OperationsService>> {
  return operationsClient(waybill.url, await waybill.token(role, brand));
}

/** The fields named by the `buf.validate.Violations` detail of a refusal. */
function violatedFields(error: ConnectError): string[] {
  return error
    .findDetails(ViolationsSchema)
    .flatMap((detail) => detail.violations.map((v) => v.field?.elements.map((e) => e.fieldName).join(".") ?? ""));
}

beforeAll(async () => {
  waybill = await startTestWaybill();
  admin = await operationsAs("admin");
  stuck = await stickEvent(waybill);
});
afterAll(async () => {
  await stuck?.close();
  await waybill?.stop();
});

describe("OperationsService", () => {
  it("lists the dead letter of an event a consumer kept failing on, with its reason", async () => {
    const listed = await waitUntil(
      () => admin.listDeadLetters({ consumer: stuck.consumer }),
      (page) => page.deadLetters.some((dead) => dead.eventType === itemCreated),
      "the dead letter",
      45_000,
    );
    const dead = listed.deadLetters.find((entry) => entry.eventType === itemCreated);
    expect(dead).toMatchObject({
      reason: DeadLetterReason.MAX_DELIVERIES,
      consumer: stuck.consumer,
      stream: domainStreamName(waybill.env.prefix, "inventory"),
      deliveries: 5,
      eventType: itemCreated,
      messageGone: false,
    });
    const eventId = dead?.eventId ?? "";
    expect(eventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(dead?.dlqSequence).toBeGreaterThan(0n);
    expect(listed.page?.totalSize).toBe(BigInt(listed.deadLetters.length));
    // Other consumers handled it: only the faulty one gave up.
    const all = await admin.listDeadLetters({});
    expect(all.deadLetters.filter((entry) => entry.eventId === eventId).map((d) => d.consumer)).toEqual([
      stuck.consumer,
    ]);
    // The stream filter keeps it; another stream has none of it.
    const byStream = await admin.listDeadLetters({ stream: domainStreamName(waybill.env.prefix, "inventory") });
    expect(byStream.deadLetters.map((d) => d.eventId)).toContain(eventId);
    const otherStream = await admin.listDeadLetters({ stream: domainStreamName(waybill.env.prefix, "orders") });
    expect(otherStream.deadLetters).toEqual([]);
    expect(await stuck.processed()).toBe(false);
  }, 60_000);

  it("shows the consumer's dead letter and every durable consumer in the backlog", async () => {
    const backlog = await admin.getEventBacklog({});
    const stream = domainStreamName(waybill.env.prefix, "inventory");
    expect(backlog.consumers.find((lag) => lag.consumer === stuck.consumer)).toMatchObject({
      stream,
      deadLetters: 1n,
    });
    expect(backlog.consumers.map((lag) => lag.consumer)).toContain("fleet-orders");
    expect(backlog.deadLetterCounts).toContainEqual(
      expect.objectContaining({ stream, consumer: stuck.consumer, count: 1n }),
    );
    expect(backlog.deadLettersTotal).toBeGreaterThanOrEqual(1n);
    // This process runs every service, so every outbox is there.
    expect(backlog.outboxes.map((outbox) => outbox.service)).toEqual([
      "campaigns",
      "fleet",
      "inventory",
      "notifications",
      "orders",
    ]);
  });

  it("refuses every other role with PERMISSION_DENIED", async () => {
    for (const [role, brand] of [
      ["brand", stuck.brandId],
      ["partner", stuck.brandId],
      ["customer", undefined],
      ["courier", undefined],
      ["service", undefined],
    ] as const) {
      const client = await operationsAs(role, brand);
      expect((await errorOf(client.listDeadLetters({}))).code, role).toBe(Code.PermissionDenied);
      expect((await errorOf(client.getEventBacklog({}))).code, role).toBe(Code.PermissionDenied);
      const redrive = client.redriveDeadLetters({ consumer: stuck.consumer, idempotencyKey: randomUUID() });
      expect((await errorOf(redrive)).code, role).toBe(Code.PermissionDenied);
    }
    // Nothing was redriven by the refused calls.
    const listed = await admin.listDeadLetters({ consumer: stuck.consumer });
    expect(listed.deadLetters.map((d) => d.eventType)).toContain(itemCreated);
  });

  it("refuses invalid requests naming the fields", async () => {
    const noSelection = await errorOf(admin.redriveDeadLetters({ idempotencyKey: randomUUID() }));
    expect(noSelection.code).toBe(Code.InvalidArgument);
    expect(noSelection.findDetails(ViolationsSchema)[0]?.violations[0]?.ruleId).toBe("redrive.selection");
    const badFields = await errorOf(
      admin.redriveDeadLetters({ dlqSequences: [0n, 0n], consumer: "no spaces", idempotencyKey: "" }),
    );
    expect(badFields.code).toBe(Code.InvalidArgument);
    expect(new Set(violatedFields(badFields))).toEqual(new Set(["dlq_sequences", "consumer", "idempotency_key"]));
    const badList = await errorOf(admin.listDeadLetters({ stream: "lower case", page: { pageSize: 501 } }));
    expect(badList.code).toBe(Code.InvalidArgument);
    expect(new Set(violatedFields(badList))).toEqual(new Set(["stream", "page.page_size"]));
    const forged = await errorOf(admin.listDeadLetters({ page: { pageToken: "forged.token" } }));
    expect(forged.code).toBe(Code.InvalidArgument);
  });

  it("pages the dead letters with a token bound to the filters", async () => {
    const first = await admin.listDeadLetters({ page: { pageSize: 1 } });
    expect(first.deadLetters).toHaveLength(1);
    if (first.page?.totalSize === 1n) {
      expect(first.page.nextPageToken).toBe("");
      return;
    }
    const token = first.page?.nextPageToken ?? "";
    expect(token).not.toBe("");
    const second = await admin.listDeadLetters({ page: { pageSize: 1, pageToken: token } });
    expect(second.deadLetters[0]?.dlqSequence).toBeGreaterThan(first.deadLetters[0]?.dlqSequence ?? 0n);
    const otherFilter = await errorOf(admin.listDeadLetters({ consumer: stuck.consumer, page: { pageToken: token } }));
    expect(otherFilter.code).toBe(Code.InvalidArgument);
  });

  it("redrives the dead letter once fixed: the consumer processes it, and a retry replays the answer", async () => {
    const [dead] = (await admin.listDeadLetters({ consumer: stuck.consumer })).deadLetters.filter(
      (entry) => entry.eventType === itemCreated,
    );
    if (dead === undefined) throw new Error("the dead letter is gone before the redrive");
    await stuck.release();
    const request = { dlqSequences: [dead.dlqSequence], idempotencyKey: randomUUID() };
    const redriven = await admin.redriveDeadLetters(request);
    expect(redriven).toMatchObject({
      redrivenCount: 1n,
      redrivenDlqSequences: [dead.dlqSequence],
      leftDlqSequences: [],
    });
    await waitUntil(
      () => stuck.processed(),
      (done) => done,
      "the consumer to process the redriven event",
    );
    const after = await admin.listDeadLetters({ consumer: stuck.consumer });
    expect(after.deadLetters.map((entry) => entry.eventId)).not.toContain(dead.eventId);
    // The same key replays the first answer; a new key finds nothing left to redrive.
    expect(await admin.redriveDeadLetters(request)).toEqual(redriven);
    const again = await admin.redriveDeadLetters({ ...request, idempotencyKey: randomUUID() });
    expect(again.redrivenCount).toBe(0n);
    const reused = await errorOf(
      admin.redriveDeadLetters({ consumer: stuck.consumer, idempotencyKey: request.idempotencyKey }),
    );
    expect(reused.code).toBe(Code.FailedPrecondition);
    const backlog = await admin.getEventBacklog({});
    expect(backlog.consumers.find((lag) => lag.consumer === stuck.consumer)?.deadLetters).toBe(0n);
  });
});
