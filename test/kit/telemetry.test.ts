import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createWaybill } from "@waybill/sdk/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTokenIssuer } from "../../services/kit/auth/index.js";
import { durationBucketsSeconds } from "../../services/kit/telemetry/index.js";
import {
  createIsolatedEnvironment,
  freePort,
  type IsolatedEnvironment,
  spawnWaybill,
  stockedItem,
  type WaybillProcess,
  waitFor,
} from "../support/index.js";

// Telemetry of a real Waybill process, as an SRE would collect it: OTLP/HTTP (JSON) into a
// receiver in this test, a Prometheus scrape, and a collector that is down.
const secret = "telemetry-test-secret-Q8vN3kX7pL2mR9tZ";
const version = (
  JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }
).version;

/** An OTLP/JSON attribute. */
interface KeyValue {
  readonly key: string;
  readonly value: { readonly stringValue?: string; readonly intValue?: string | number; readonly arrayValue?: unknown };
}

/** The parts of an OTLP/JSON span the test reads. */
interface OtlpSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly name: string;
  readonly kind: number;
  readonly attributes?: readonly KeyValue[];
}

/** A span with its resource's attributes. */
interface ReceivedSpan extends OtlpSpan {
  readonly resource: Readonly<Record<string, unknown>>;
}

/** A metric's name, scope, histogram bounds (if a histogram) and resource attributes. */
interface ReceivedMetric {
  readonly name: string;
  readonly scope: string;
  readonly explicitBounds?: readonly number[];
  readonly resource: Readonly<Record<string, unknown>>;
}

/** A real OTLP/HTTP receiver (JSON encoding) that keeps what it is sent. */
interface Receiver {
  readonly url: string;
  readonly spans: ReceivedSpan[];
  readonly metrics: ReceivedMetric[];
  close(): Promise<void>;
}

/** Attribute list → plain object (string, int and array values). */
function attributesOf(list: readonly KeyValue[] | undefined): Record<string, unknown> {
  return Object.fromEntries(
    (list ?? []).map(({ key, value }) => [key, value.stringValue ?? value.intValue ?? value.arrayValue]),
  );
}

async function startReceiver(): Promise<Receiver> {
  const spans: ReceivedSpan[] = [];
  const metrics: ReceivedMetric[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
      if (request.url === "/v1/traces") {
        for (const batch of body.resourceSpans ?? []) {
          const resource = attributesOf(batch.resource?.attributes);
          for (const scope of batch.scopeSpans ?? []) {
            for (const span of scope.spans ?? []) spans.push({ ...span, resource });
          }
        }
      } else if (request.url === "/v1/metrics") {
        for (const batch of body.resourceMetrics ?? []) {
          const resource = attributesOf(batch.resource?.attributes);
          for (const scope of batch.scopeMetrics ?? []) {
            for (const metric of scope.metrics ?? []) {
              const explicitBounds = metric.histogram?.dataPoints?.[0]?.explicitBounds;
              metrics.push({ name: metric.name, scope: scope.scope?.name ?? "", explicitBounds, resource });
            }
          }
        }
      }
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    metrics,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let env: IsolatedEnvironment;
let receiver: Receiver;
const processes: WaybillProcess[] = [];
let token: string;

beforeAll(async () => {
  [env, receiver] = await Promise.all([createIsolatedEnvironment(), startReceiver()]);
  token = await createTokenIssuer(secret).sign({ subject: "ops", role: "admin" });
}, 60_000);
afterAll(async () => {
  await Promise.all(processes.map((waybill) => waybill.kill("SIGTERM")));
  await receiver?.close();
  await env?.cleanup();
});

/** Spawns an Inventory-only Waybill with `variables`, stopped after the tests. */
async function spawnInventory(variables: Readonly<Record<string, string>>): Promise<WaybillProcess> {
  const waybill = await spawnWaybill(env, { SERVICES: "inventory", AUTH_SECRET: secret, ...variables });
  processes.push(waybill);
  return waybill;
}

describe("with OTEL_EXPORTER_OTLP_ENDPOINT", () => {
  let waybill: WaybillProcess;
  beforeAll(async () => {
    waybill = await spawnInventory({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
      OTEL_METRIC_EXPORT_INTERVAL: "250",
      OTEL_BSP_SCHEDULE_DELAY: "100",
      NODE_ENV: "staging",
    });
  }, 60_000);

  it("exports Node runtime metrics with the process's resource", async () => {
    const runtime = ["nodejs.eventloop.delay.p99", "v8js.memory.heap.used", "nodejs.eventloop.utilization"];
    const names = await waitFor(
      async () => new Set(receiver.metrics.map((metric) => metric.name)),
      (seen) => runtime.every((name) => seen.has(name)),
    );
    expect([...names]).toEqual(expect.arrayContaining(runtime));
    const resource = receiver.metrics.find((metric) => metric.name === "v8js.memory.heap.used")?.resource;
    expect(resource).toMatchObject({
      "service.name": "waybill-inventory",
      "service.namespace": "waybill",
      "service.version": version,
      "deployment.environment.name": "staging",
    });
    expect(resource?.["service.instance.id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("exports a span per SQL statement under the RPC's server span, without parameter values", async () => {
    const client = createWaybill({ baseUrl: waybill.url, token });
    const sku = `OTEL-${randomUUID().slice(0, 8)}`;
    const orderId = randomUUID();
    await stockedItem(client, "acme", sku, 5);
    await client.inventory.reserveStock({ orderId, brandId: "acme", lines: [{ sku, quantity: 2n }] });

    const serverName = "waybill.inventory.v1.InventoryService/ReserveStock";
    const isStatementUnder = (server: OtlpSpan, span: OtlpSpan) =>
      span.traceId === server.traceId && span.name.startsWith("pg.query");
    const spans = await waitFor(
      async () => [...receiver.spans],
      (all) => {
        const server = all.find((span) => span.name === serverName);
        return server !== undefined && all.some((span) => isStatementUnder(server, span));
      },
    );
    const server = spans.find((span) => span.name === serverName);
    expect(server).toMatchObject({ kind: 2, resource: { "service.name": "waybill-inventory" } });
    if (!server) return;
    const inTrace = spans.filter((span) => span.traceId === server.traceId);
    const statements = inTrace.filter((span) => isStatementUnder(server, span));
    expect(statements.length).toBeGreaterThan(0);
    // Each statement descends from the server span.
    const byId = new Map(inTrace.map((span) => [span.spanId, span]));
    for (const statement of statements) {
      let parent = statement.parentSpanId ? byId.get(statement.parentSpanId) : undefined;
      while (parent && parent.spanId !== server.spanId)
        parent = parent.parentSpanId ? byId.get(parent.parentSpanId) : undefined;
      expect(parent?.spanId, `${statement.name} is under ${serverName}`).toBe(server.spanId);
    }
    expect(statements.some((span) => span.parentSpanId === server.spanId)).toBe(true);
    const texts = statements.map((span) => String(attributesOf(span.attributes)["db.query.text"] ?? ""));
    expect(texts.every((text) => text.length > 0)).toBe(true);
    expect(texts.some((text) => /\$1/.test(text))).toBe(true);
    // The order id, brand and SKU travel as parameters: they appear in no span at all.
    for (const span of statements) {
      const attributes = JSON.stringify(span.attributes);
      expect(attributes).not.toContain(orderId);
      expect(attributes).not.toContain(sku);
      expect(attributes).not.toMatch(/"acme"/);
    }
  });
});

describe("statement metrics", () => {
  it("reports statement durations in seconds buckets, and leaves the pool to the kit", async () => {
    const duration = await waitFor(
      async () => receiver.metrics.find((metric) => metric.name === "db.client.operation.duration"),
      (metric) => metric !== undefined,
    );
    expect(duration).toMatchObject({ scope: "@opentelemetry/instrumentation-pg" });
    expect(duration?.explicitBounds?.map(Number)).toEqual([...durationBucketsSeconds]);
    const pgPool = receiver.metrics.filter(
      (metric) =>
        metric.scope === "@opentelemetry/instrumentation-pg" && metric.name.startsWith("db.client.connection"),
    );
    expect(pgPool).toEqual([]);
  });
});

describe("with OTEL_METRICS_EXPORTER=prometheus", () => {
  it("serves runtime metrics and the resource on the Prometheus port", async () => {
    const port = await freePort();
    await spawnInventory({
      OTEL_METRICS_EXPORTER: "prometheus",
      OTEL_EXPORTER_PROMETHEUS_HOST: "127.0.0.1",
      OTEL_EXPORTER_PROMETHEUS_PORT: String(port),
    });
    const scrape = await waitFor(
      () => fetch(`http://127.0.0.1:${port}/metrics`).then((response) => response.text()),
      (text) => /^nodejs_eventloop_delay_p99/m.test(text) && /^v8js_memory_heap_used/m.test(text),
    );
    expect(scrape).toMatch(/^nodejs_eventloop_delay_p99\S* \d/m);
    expect(scrape).toMatch(/^v8js_memory_heap_used\S*\{[^}]*v8js_heap_space_name="new_space"[^}]*\} \d/m);
    expect(scrape).toMatch(/^target_info\{[^}]*service_name="waybill-inventory"/m);
  });
});

describe("with a collector that is down", () => {
  it("logs the failed exports as warnings or errors through the logger", async () => {
    const waybill = await spawnInventory({
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${await freePort()}`,
      OTEL_METRIC_EXPORT_INTERVAL: "200",
    });
    const failures = () =>
      waybill
        .output()
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as { level: number; component?: string; msg: string })
        .filter((line) => line.component === "opentelemetry" && line.level >= 40);
    const lines = await waitFor(
      async () => failures(),
      (found) => found.length > 0,
    );
    // The exporter retries a refused connection until the export times out, and says so.
    expect(lines[0]?.msg).toMatch(/export/i);
  });
});
