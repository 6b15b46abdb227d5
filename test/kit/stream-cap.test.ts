import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { Health } from "@waybill/contracts/grpc/health/v1/health_pb.js";
import type { Waybill } from "@waybill/sdk";
import { createWaybill } from "@waybill/sdk/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTokenIssuer } from "../../services/kit/auth/index.js";
import {
  createIsolatedEnvironment,
  type IsolatedEnvironment,
  spawnWaybill,
  stockedItem,
  type WaybillProcess,
  waitFor,
  waitUntil,
} from "../support/index.js";

// MAX_STREAMS_PER_PRINCIPAL against a real process: a caller holds at most two WatchStock
// streams, a slot comes back when a stream ends, and other callers keep their own count.
const secret = "stream-cap-test-secret-of-32-chars";

let env: IsolatedEnvironment;
let waybill: WaybillProcess;
let ops: Waybill;
let other: Waybill;

beforeAll(async () => {
  env = await createIsolatedEnvironment();
  // LOG_LEVEL=info: the line the logging interceptor writes when a stream has ended.
  waybill = await spawnWaybill(env, {
    SERVICES: "inventory",
    AUTH_SECRET: secret,
    MAX_STREAMS_PER_PRINCIPAL: "2",
    LOG_LEVEL: "info",
  });
  const tokens = createTokenIssuer(secret);
  ops = createWaybill({ baseUrl: waybill.url, token: await tokens.sign({ subject: "ops", role: "admin" }) });
  other = createWaybill({ baseUrl: waybill.url, token: await tokens.sign({ subject: "ops-2", role: "admin" }) });
  await stockedItem(ops, "acme", "CAP-1", 1);
}, 60_000);
afterAll(async () => {
  await waybill?.kill("SIGTERM");
  await env?.cleanup();
});

/** A WatchStock call: `first` settles with its first message or its error, `ended` when it ends. */
function watch(client: Waybill, brandId = "acme") {
  const abort = new AbortController();
  let received: (outcome: "message" | ConnectError) => void = () => undefined;
  const first = new Promise<"message" | ConnectError>((resolve) => {
    received = resolve;
  });
  const ended = (async () => {
    for await (const _ of client.inventory.watchStock({ brandId, skus: ["CAP-1"] }, { signal: abort.signal }))
      received("message");
  })().then(
    () => undefined,
    (error: unknown) => {
      received(ConnectError.from(error));
      return ConnectError.from(error);
    },
  );
  return { first, ended, cancel: () => abort.abort() };
}

/** Ended WatchStock calls in the process's log that held a slot (refusals never did). */
function endedStreams(): number {
  return waybill
    .output()
    .split("\n")
    .filter((line) => line.includes("InventoryService/WatchStock") && !line.includes("resource_exhausted")).length;
}

describe("MAX_STREAMS_PER_PRINCIPAL", () => {
  it("gives back the slot of a stream refused by validation", async () => {
    for (let i = 0; i < 3; i++) {
      const invalid = watch(ops, "Not A Brand");
      expect(((await invalid.first) as ConnectError).code).toBe(Code.InvalidArgument);
    }
    const open = [watch(ops), watch(ops)];
    for (const stream of open) expect(await stream.first).toBe("message");
    for (const stream of open) stream.cancel();
    await Promise.all(open.map((stream) => stream.ended));
    // Three refused and two cancelled streams, all logged before the next test counts.
    await waitUntil(
      async () => endedStreams(),
      (count) => count >= 5,
      "five ended streams",
    );
  });

  it("refuses a third stream, opens one once a stream was cancelled, and leaves other callers alone", async () => {
    const baseline = endedStreams();
    const held = [watch(ops), watch(ops)];
    for (const stream of held) expect(await stream.first).toBe("message");

    const third = watch(ops);
    const refusal = await third.first;
    expect(refusal).toBeInstanceOf(ConnectError);
    expect((refusal as ConnectError).code).toBe(Code.ResourceExhausted);
    expect((refusal as ConnectError).rawMessage).toBe(
      "too many open streams for this caller (MAX_STREAMS_PER_PRINCIPAL=2) - close one first",
    );

    // Another admin has slots of its own.
    const others = [watch(other), watch(other)];
    for (const stream of others) expect(await stream.first).toBe("message");

    held[0]?.cancel();
    // The server has let go of the stream once its end is logged (after the slot was freed).
    await waitUntil(
      async () => endedStreams(),
      (count) => count > baseline,
      "the cancelled stream's end",
    );
    const next = watch(ops);
    expect(await next.first).toBe("message");

    for (const stream of [held[1], next, ...others]) stream?.cancel();
    await Promise.all([held[1], next, ...others].map((stream) => stream?.ended));
  });

  it("counts anonymous health streams by the caller's address", async () => {
    const health = createClient(Health, createGrpcTransport({ baseUrl: waybill.url }));
    const watches = [0, 1, 2].map(() => {
      const abort = new AbortController();
      const first = (async () => {
        for await (const _ of health.watch({ service: "" }, { signal: abort.signal })) return "message";
        return "ended";
      })().catch((error: unknown) => ConnectError.from(error).code);
      return { abort, first };
    });
    // Two hold the slots of 127.0.0.1; which two depends on arrival, never more than two.
    const outcomes = await Promise.all(watches.map((watch) => watch.first));
    expect(outcomes.filter((outcome) => outcome === "message")).toHaveLength(2);
    expect(outcomes.filter((outcome) => outcome === Code.ResourceExhausted)).toHaveLength(1);
    for (const watch of watches) watch.abort.abort();
    // A slot comes back once its stream has ended on the server.
    const again = await waitFor(
      async () => {
        const abort = new AbortController();
        try {
          for await (const _ of health.watch({ service: "" }, { signal: abort.signal })) return "message";
          return "ended";
        } catch (error) {
          return ConnectError.from(error).code;
        } finally {
          abort.abort();
        }
      },
      (outcome) => outcome === "message",
    );
    expect(again).toBe("message");
  });
});
