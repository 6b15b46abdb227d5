import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { registerInstrumentations } from "@opentelemetry/instrumentation";
import { UndiciInstrumentation } from "@opentelemetry/instrumentation-undici";
import { InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { Agent, request } from "undici";
import { afterAll, beforeAll, expect, it } from "vitest";
import { postWebhook } from "../../services/notifications/channels/webhook-poster.js";

// The undici instrumentation on, as in a process that exports traces.
const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
provider.register();
const unregister = registerInstrumentations({
  instrumentations: [new UndiciInstrumentation()],
  tracerProvider: provider,
});

/** What the endpoint saw of each request: every `traceparent` header line. */
const seen: string[][] = [];
const server = createServer((req, res) => {
  const values: string[] = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    if (req.rawHeaders[i]!.toLowerCase() === "traceparent") values.push(req.rawHeaders[i + 1]!);
  }
  seen.push(values);
  req.resume();
  req.on("end", () => res.writeHead(req.url === "/fail" ? 500 : 204).end());
});
const dispatcher = new Agent();
let base = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  unregister();
  await dispatcher.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await provider.shutdown();
});

const post = (path: string) =>
  postWebhook(dispatcher, { url: `${base}${path}`, headers: {}, body: "{}", timeoutMs: 2_000 });

it("sends one traceparent, the attempt's own, and no second client span from the HTTP instrumentation", async () => {
  // The instrumentation is on: a plain request gets its span and its header.
  await (await request(`${base}/plain`, { method: "POST", body: "{}", dispatcher })).body.dump();
  expect(exporter.getFinishedSpans().filter((span) => span.kind === SpanKind.CLIENT)).toHaveLength(1);
  exporter.reset();

  await post("/hook");
  const spans = exporter.getFinishedSpans();
  expect(spans.map((span) => span.name)).toEqual(["POST"]);
  const { traceId, spanId } = spans[0]!.spanContext();
  expect(seen.at(-1)).toEqual([`00-${traceId}-${spanId}-01`]);
  expect(spans[0]!.attributes["http.response.status_code"]).toBe(204);
});

it("marks a refused attempt ERROR with the failure recorded", async () => {
  exporter.reset();
  await expect(post("/fail")).rejects.toThrow("http_5xx 500");
  const [span] = exporter.getFinishedSpans();
  expect(span?.status.code).toBe(SpanStatusCode.ERROR);
  expect(span?.attributes["error.type"]).toBe("500");
  expect(span?.events.find((event) => event.name === "exception")?.attributes?.["exception.message"]).toBe(
    "http_5xx 500",
  );
});
