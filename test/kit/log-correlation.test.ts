import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
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
  waitUntil,
} from "../support/index.js";

// Log correlation in a Waybill process as deployed: the RPC line names its service and span, and
// a line a consumer writes for an event of that RPC carries the same trace id and its own span.
// The lines are also sent over OTLP (OTEL_LOGS_EXPORTER=otlp) to a receiver in this test. Nothing
// exports traces: the spans are not sampled, and still have their ids.
const secret = "log-correlation-secret-of-32-chars";

interface LogLine {
  readonly msg?: string;
  readonly service?: string;
  readonly method?: string;
  readonly template?: string;
  readonly trace_id?: string;
  readonly span_id?: string;
}

let env: IsolatedEnvironment;
let waybill: WaybillProcess;
let admin: Waybill;
let receiver: Server;
const exported: Buffer[] = [];

/** The process's JSON log lines so far. */
function lines(): LogLine[] {
  return waybill
    .output()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as LogLine);
}

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      if (req.url === "/v1/logs") exported.push(Buffer.concat(chunks));
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  receiver.listen(0, "127.0.0.1");
  await once(receiver, "listening");
  const { port } = receiver.address() as AddressInfo;
  env = await createIsolatedEnvironment();
  waybill = await spawnWaybill(env, {
    SERVICES: "inventory,notifications",
    AUTH_SECRET: secret,
    LOG_LEVEL: "info",
    OTEL_LOGS_EXPORTER: "otlp",
    OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: `http://127.0.0.1:${port}/v1/logs`,
    OTEL_BLRP_SCHEDULE_DELAY: "100",
  });
  const tokens = createTokenIssuer(secret);
  admin = createWaybill({ baseUrl: waybill.url, token: await tokens.sign({ subject: "ops", role: "admin" }) });
}, 60_000);
afterAll(async () => {
  await waybill?.kill("SIGTERM");
  await env?.cleanup();
  receiver?.close();
});

describe("log correlation", () => {
  it("puts service, trace_id and span_id on RPC lines and the trace's ids on a consumer's lines", async () => {
    // An item created without stock: its StockLow event finds nobody to email (no brand contact),
    // which Notifications' consumer logs while it handles the event.
    await stockedItem(admin, "acme", "LOG-1", 0);
    // Lines reach stdout through the transport's worker: they may come a moment after the answer.
    const rpc = await waitUntil(
      async () => lines().find((line) => line.msg === "rpc" && line.method?.endsWith("/CreateItem")),
      (line) => line !== undefined,
      "the CreateItem line",
    );
    expect(rpc).toMatchObject({ service: "inventory", method: "waybill.inventory.v1.InventoryService/CreateItem" });
    expect(rpc?.trace_id).toMatch(/^[0-9a-f]{32}$/);
    expect(rpc?.span_id).toMatch(/^[0-9a-f]{16}$/);

    const consumed = await waitUntil(
      async () => lines().find((line) => line.msg === "nobody to email" && line.template === "stock_low"),
      (line) => line !== undefined,
      "the consumer's line about the StockLow email",
    );
    expect(consumed?.service).toBe("notifications");
    expect(consumed?.trace_id).toBe(rpc?.trace_id);
    expect(consumed?.span_id).toMatch(/^[0-9a-f]{16}$/);
    expect(consumed?.span_id).not.toBe(rpc?.span_id);

    // Written outside any span: no ids.
    const listening = lines().find((line) => line.msg === "waybill listening");
    expect(listening).toBeDefined();
    expect(listening?.trace_id).toBeUndefined();
  });

  it("exports the lines over OTLP (protobuf) with their trace context when OTEL_LOGS_EXPORTER=otlp", async () => {
    const rpc = await waitUntil(
      async () => lines().find((line) => line.msg === "rpc" && line.method?.endsWith("/CreateItem")),
      (line) => line !== undefined,
      "the CreateItem line",
    );
    // A record carries the trace id as 16 raw bytes next to its body.
    const traceId = Buffer.from(rpc?.trace_id ?? "", "hex");
    const batch = await waitUntil(
      async () => exported.find((body) => body.includes("nobody to email") && body.includes(traceId)),
      (body) => body !== undefined,
      "an OTLP log batch with the consumer's line and its trace id",
    );
    expect(batch?.includes("service.namespace")).toBe(true);
  });
});
