import { randomUUID } from "node:crypto";
import { ViolationsSchema } from "@bufbuild/protovalidate/gen/buf/validate/validate_pb.js";
import { type Client, Code, type ConnectError } from "@connectrpc/connect";
import { DeadLetterReason, type OperationsService } from "@waybill/contracts/waybill/operations/v1/operations_pb.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RoleName } from "../../services/kit/auth/index.js";
import { connectNats, domainStreamName, redriveChosenDeadLetters } from "../../services/kit/events/index.js";
import { createLogger } from "../../services/kit/logging/logger.js";
import { errorOf, waitUntil } from "../support/index.js";
import { startTestWaybill, type TestWaybill } from "../support/test-waybill.js";
import { countingMessageReads } from "./counting-message-reads.js";
import { operationsClient } from "./operations-client.js";
import { type StuckEvent, stickEvent } from "./stuck-event.js";

// OperationsService against a real Waybill: two events Notifications' activity consumer keeps
// failing on (a PostgreSQL trigger refusing their activity rows) are dead-lettered by JetStream
// after their deliveries (both at once, so the ~21 s of backoff is waited once), listed with
// their reason and paged, and one is redriven once the fault is gone, and processed.

const itemCreated = "waybill.inventory.v1.ItemCreated";
let waybill: TestWaybill;
let admin: Client<typeof OperationsService>;
let stuck: StuckEvent;
let alsoStuck: StuckEvent;

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
  [stuck, alsoStuck] = await Promise.all([stickEvent(waybill), stickEvent(waybill)]);
});
afterAll(async () => {
  await stuck?.close();
  await alsoStuck?.close();
  await waybill?.stop();
});

/** The dead letters of the stuck consumer's `ItemCreated` events. */
async function stuckDeadLetters() {
  const listed = await admin.listDeadLetters({ consumer: stuck.consumer });
  return listed.deadLetters.filter((entry) => entry.eventType === itemCreated);
}

describe("OperationsService", () => {
  it("lists the dead letters of the events a consumer kept failing on, with their reason", async () => {
    const listed = await waitUntil(
      () => admin.listDeadLetters({ consumer: stuck.consumer }),
      (page) => page.deadLetters.filter((dead) => dead.eventType === itemCreated).length === 2,
      "the two dead letters",
      45_000,
    );
    const dead = listed.deadLetters.filter((entry) => entry.eventType === itemCreated);
    for (const entry of dead) {
      expect(entry).toMatchObject({
        reason: DeadLetterReason.MAX_DELIVERIES,
        consumer: stuck.consumer,
        stream: domainStreamName(waybill.env.prefix, "inventory"),
        deliveries: 5,
        eventType: itemCreated,
        messageGone: false,
      });
      expect(entry.eventId).toMatch(/^[0-9a-f-]{36}$/);
      expect(entry.dlqSequence).toBeGreaterThan(0n);
    }
    const eventIds = dead.map((entry) => entry.eventId);
    expect(new Set(eventIds).size).toBe(2);
    expect(listed.page?.totalSize).toBe(2n);
    // Other consumers handled them: only the faulty one gave up.
    const all = await admin.listDeadLetters({});
    for (const eventId of eventIds) {
      expect(all.deadLetters.filter((entry) => entry.eventId === eventId).map((d) => d.consumer)).toEqual([
        stuck.consumer,
      ]);
    }
    // The stream filter keeps them; another stream has none of them.
    const byStream = await admin.listDeadLetters({ stream: domainStreamName(waybill.env.prefix, "inventory") });
    expect(byStream.deadLetters.map((d) => d.eventId)).toEqual(expect.arrayContaining(eventIds));
    const otherStream = await admin.listDeadLetters({ stream: domainStreamName(waybill.env.prefix, "orders") });
    expect(otherStream.deadLetters).toEqual([]);
    expect(await stuck.processed()).toBe(false);
    expect(await alsoStuck.processed()).toBe(false);
  }, 60_000);

  it("shows the consumer's dead letters and every durable consumer in the backlog", async () => {
    const backlog = await admin.getEventBacklog({});
    const stream = domainStreamName(waybill.env.prefix, "inventory");
    expect(backlog.consumers.find((lag) => lag.consumer === stuck.consumer)).toMatchObject({
      stream,
      deadLetters: 2n,
    });
    expect(backlog.consumers.map((lag) => lag.consumer)).toContain("fleet-orders");
    expect(backlog.deadLetterCounts).toContainEqual(
      expect.objectContaining({ stream, consumer: stuck.consumer, count: 2n }),
    );
    expect(backlog.deadLettersTotal).toBe(2n);
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
    const both = await stuckDeadLetters();
    expect(both).toHaveLength(2);
    const filter = { consumer: stuck.consumer };
    const first = await admin.listDeadLetters({ ...filter, page: { pageSize: 1 } });
    expect(first.deadLetters.map((d) => d.dlqSequence)).toEqual([both[0]?.dlqSequence]);
    expect(first.page?.totalSize).toBe(2n);
    const token = first.page?.nextPageToken ?? "";
    expect(token).not.toBe("");
    const second = await admin.listDeadLetters({ ...filter, page: { pageSize: 1, pageToken: token } });
    expect(second.deadLetters.map((d) => d.dlqSequence)).toEqual([both[1]?.dlqSequence]);
    expect(second.page).toMatchObject({ nextPageToken: "", totalSize: 2n });
    // The token names its filters: with others (none, another stream) it is refused.
    for (const other of [{}, { stream: domainStreamName(waybill.env.prefix, "inventory") }]) {
      const refused = await errorOf(admin.listDeadLetters({ ...other, page: { pageSize: 1, pageToken: token } }));
      expect(refused.code, JSON.stringify(other)).toBe(Code.InvalidArgument);
    }
  });

  it("reads only the chosen dead letters' events from their streams when redriving", async () => {
    const both = await stuckDeadLetters();
    expect(both).toHaveLength(2);
    const logger = createLogger({ level: "silent" });
    const nats = await connectNats({ url: waybill.env.natsUrl, name: "operations-test", logger });
    try {
      const counting = await countingMessageReads(nats);
      // A sequence no dead letter has: nothing is chosen, so no event is read (nor redriven).
      const missing = (both[1]?.dlqSequence ?? 0n) + 1_000n;
      const report = await redriveChosenDeadLetters({
        js: counting.jsm.jetstream(),
        jsm: counting.jsm,
        prefix: waybill.env.prefix,
        consumer: stuck.consumer,
        dlqSequences: new Set([Number(missing)]),
        logger,
      });
      expect(report).toEqual({ redriven: [], left: [] });
      expect(counting.reads()).toBe(0);
    } finally {
      await nats.close();
    }
    expect(await stuckDeadLetters()).toHaveLength(2);
  });

  it("redrives a dead letter once fixed: the consumer processes it, and a retry replays the answer", async () => {
    const [dead, other] = await stuckDeadLetters();
    if (dead === undefined || other === undefined) throw new Error("a dead letter is gone before the redrive");
    // Which brand's event is which is not on the wire: both faults go, only the chosen one is redriven.
    await stuck.release();
    await alsoStuck.release();
    const request = { dlqSequences: [dead.dlqSequence], idempotencyKey: randomUUID() };
    const redriven = await admin.redriveDeadLetters(request);
    expect(redriven).toMatchObject({
      redrivenCount: 1n,
      redrivenDlqSequences: [dead.dlqSequence],
      leftDlqSequences: [],
    });
    const processed = async () => [await stuck.processed(), await alsoStuck.processed()];
    await waitUntil(processed, (done) => done.includes(true), "the consumer to process the redriven event");
    // Only the chosen one: the other event is still a dead letter, not processed.
    expect((await processed()).filter(Boolean)).toHaveLength(1);
    const after = await stuckDeadLetters();
    expect(after.map((entry) => entry.eventId)).toEqual([other.eventId]);
    // The same key replays the first answer; a new key finds nothing left to redrive.
    expect(await admin.redriveDeadLetters(request)).toEqual(redriven);
    const again = await admin.redriveDeadLetters({ ...request, idempotencyKey: randomUUID() });
    expect(again.redrivenCount).toBe(0n);
    const reused = await errorOf(
      admin.redriveDeadLetters({ consumer: stuck.consumer, idempotencyKey: request.idempotencyKey }),
    );
    expect(reused.code).toBe(Code.FailedPrecondition);
    const backlog = await admin.getEventBacklog({});
    expect(backlog.consumers.find((lag) => lag.consumer === stuck.consumer)?.deadLetters).toBe(1n);
  });
});
