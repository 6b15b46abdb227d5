import { Code } from "@connectrpc/connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createIsolatedEnvironment,
  errorOf,
  type IsolatedEnvironment,
  type PrivateNats,
  startPrivateNats,
} from "../support/index.js";
import { startTestWaybill, type TestWaybill } from "../support/test-waybill.js";
import { operationsClient } from "./operations-client.js";

// OperationsService on a NATS server of the test's own, which the test kills: every RPC answers
// UNAVAILABLE (which clients retry) instead of INTERNAL, and works again once NATS is back.

let nats: PrivateNats;
let env: IsolatedEnvironment;
let waybill: TestWaybill;

beforeAll(async () => {
  nats = await startPrivateNats();
  env = await createIsolatedEnvironment({ ...process.env, NATS_URL: nats.url });
  waybill = await startTestWaybill({ sharing: env });
}, 120_000);
afterAll(async () => {
  await nats?.start().catch(() => undefined);
  await waybill?.stop();
  await env?.cleanup();
  await nats?.remove();
}, 60_000);

describe("OperationsService without NATS", () => {
  it("answers UNAVAILABLE while NATS is down, and again once it is back", async () => {
    const admin = operationsClient(waybill.url, await waybill.token("admin"));
    expect((await admin.getEventBacklog({})).consumers.length).toBeGreaterThan(0);
    await nats.kill("SIGKILL");
    for (const call of [
      admin.listDeadLetters({}),
      admin.getEventBacklog({}),
      admin.redriveDeadLetters({ consumer: "fleet-orders", idempotencyKey: "outage-1" }),
    ]) {
      const error = await errorOf(call);
      expect(error.code).toBe(Code.Unavailable);
      expect(error.rawMessage).toBe("NATS is unavailable - retry shortly");
    }
    await nats.start();
    await expect
      .poll(() => admin.listDeadLetters({}).then((answer) => answer.deadLetters.length), { timeout: 20_000 })
      .toBe(0);
  }, 60_000);
});
