import { randomBytes } from "node:crypto";
import { Code } from "@connectrpc/connect";
import { createWaybill } from "@waybill/sdk/node";
import { afterAll, beforeAll, expect, it } from "vitest";
import { errorOf } from "../support/index.js";
import { startTestWaybill, type TestWaybill } from "../support/test-waybill.js";

// Made-up API keys cost a database read each (only valid keys are kept in memory), so a call
// with a key that must be read is charged to its address's rate limit first, like a call without
// a token: guessing keys cannot turn into unlimited queries.

let waybill: TestWaybill;

beforeAll(async () => {
  // Three calls without a valid credential per address, then one every 20 minutes; others unlimited.
  waybill = await startTestWaybill({ env: { RATE_LIMITS: "anonymous=3/h:3,partner=off,brand=off,admin=off" } });
}, 60_000);
afterAll(() => waybill?.stop());

const madeUpKey = () => `wbk_${randomBytes(8).toString("hex")}_${randomBytes(32).toString("base64url")}`;

it("charges made-up keys to the address's limit before reading them, and spares keys it holds", async () => {
  // A real key, read once (charged once to the address), then held in memory.
  const admin = await waybill.as("admin");
  const { secret } = await admin.apiKeys.issueApiKey({ brandId: "acme", name: "integration" });
  const partner = createWaybill({ baseUrl: waybill.url, token: secret, retry: false });
  expect((await partner.inventory.listItems({ brandId: "acme" })).items).toEqual([]);

  // Two made-up keys spend the rest of the burst: each is read and refused as not valid.
  for (let guess = 0; guess < 2; guess++) {
    const guesser = createWaybill({ baseUrl: waybill.url, token: madeUpKey(), retry: false });
    expect((await errorOf(guesser.inventory.listItems({ brandId: "acme" }))).code).toBe(Code.Unauthenticated);
  }
  // Now the address is spent: the next guess is refused by the rate limit, unread.
  const guesser = createWaybill({ baseUrl: waybill.url, token: madeUpKey(), retry: false });
  const refused = await errorOf(guesser.inventory.listItems({ brandId: "acme" }));
  expect(refused.code).toBe(Code.ResourceExhausted);

  // The real key, held in memory, still works from the same address: it costs no read.
  for (let call = 0; call < 5; call++) {
    expect((await partner.inventory.listItems({ brandId: "acme" })).items).toEqual([]);
  }
});
