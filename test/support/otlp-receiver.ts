import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";

/** Attribute values as OTLP/JSON writes them, flattened to plain values. */
export type OtlpAttributes = Readonly<Record<string, unknown>>;

/** A span as an OTLP/JSON receiver gets it, with its resource's attributes. */
export interface OtlpSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly name: string;
  /** 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  readonly kind: number;
  readonly attributes: OtlpAttributes;
  readonly links: readonly { readonly traceId: string; readonly spanId: string }[];
  readonly events: readonly { readonly name: string; readonly attributes: OtlpAttributes }[];
  /** 0 unset, 1 ok, 2 error. */
  readonly statusCode: number;
  readonly resource: OtlpAttributes;
}

/** One data point of a metric: a gauge's or sum's value, or a histogram's count and sum. */
export interface OtlpPoint {
  readonly metric: string;
  readonly scope: string;
  readonly attributes: OtlpAttributes;
  /** A gauge's or sum's value; a histogram's sum. */
  readonly value: number;
  /** A histogram's count (undefined for gauges and sums). */
  readonly count?: number;
  readonly resource: OtlpAttributes;
}

/** A real OTLP/HTTP receiver (JSON encoding) in the test's process that keeps what it is sent. */
export interface OtlpReceiver {
  /** For `OTEL_EXPORTER_OTLP_ENDPOINT`. */
  readonly url: string;
  readonly spans: readonly OtlpSpan[];
  /** Every data point of every export, oldest first (cumulative metrics repeat in each export). */
  readonly points: readonly OtlpPoint[];
  close(): Promise<void>;
}

interface JsonValue {
  readonly stringValue?: string;
  readonly intValue?: string | number;
  readonly doubleValue?: number;
  readonly boolValue?: boolean;
  readonly arrayValue?: { readonly values?: readonly JsonValue[] };
}

interface JsonKeyValue {
  readonly key: string;
  readonly value?: JsonValue;
}

function plainValue(value: JsonValue | undefined): unknown {
  if (value === undefined) return undefined;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return Number(value.doubleValue);
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.arrayValue !== undefined) return (value.arrayValue.values ?? []).map(plainValue);
  return undefined;
}

/** OTLP/JSON attribute list → plain object. */
function attributesOf(list: readonly JsonKeyValue[] | undefined): OtlpAttributes {
  return Object.fromEntries((list ?? []).map(({ key, value }) => [key, plainValue(value)]));
}

// biome-ignore lint/suspicious/noExplicitAny: OTLP/JSON bodies are read field by field below.
type Json = any;

function pointsOf(metric: Json, scope: string, resource: OtlpAttributes): OtlpPoint[] {
  const numeric = (point: Json) => Number(point.asDouble ?? point.asInt ?? 0);
  const base = (point: Json) => ({ metric: metric.name, scope, attributes: attributesOf(point.attributes), resource });
  const gaugeOrSum = metric.gauge ?? metric.sum;
  if (gaugeOrSum)
    return (gaugeOrSum.dataPoints ?? []).map((point: Json) => ({ ...base(point), value: numeric(point) }));
  if (metric.histogram)
    return (metric.histogram.dataPoints ?? []).map((point: Json) => ({
      ...base(point),
      value: Number(point.sum ?? 0),
      count: Number(point.count ?? 0),
    }));
  return [];
}

async function bodyOf(request: IncomingMessage): Promise<Json> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const text = (request.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw).toString("utf8");
  return JSON.parse(text || "{}");
}

/**
 * Starts an OTLP/HTTP receiver for JSON (`OTEL_EXPORTER_OTLP_PROTOCOL=http/json`) on a free
 * loopback port: it keeps the spans of `/v1/traces` and the data points of `/v1/metrics`, and
 * answers everything else with an empty success.
 *
 * @example
 * const receiver = await startOtlpReceiver();
 * await spawnWaybill(env, { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_EXPORTER_OTLP_PROTOCOL: "http/json" });
 */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: OtlpSpan[] = [];
  const points: OtlpPoint[] = [];
  const server = createServer((request, response) => {
    bodyOf(request).then(
      (body) => {
        if (request.url === "/v1/traces") {
          for (const batch of body.resourceSpans ?? []) {
            const resource = attributesOf(batch.resource?.attributes);
            for (const scope of batch.scopeSpans ?? [])
              for (const span of scope.spans ?? [])
                spans.push({
                  traceId: span.traceId,
                  spanId: span.spanId,
                  ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
                  name: span.name,
                  kind: span.kind,
                  attributes: attributesOf(span.attributes),
                  links: (span.links ?? []).map((link: Json) => ({ traceId: link.traceId, spanId: link.spanId })),
                  events: (span.events ?? []).map((event: Json) => ({
                    name: event.name,
                    attributes: attributesOf(event.attributes),
                  })),
                  statusCode: span.status?.code ?? 0,
                  resource,
                });
          }
        } else if (request.url === "/v1/metrics") {
          for (const batch of body.resourceMetrics ?? []) {
            const resource = attributesOf(batch.resource?.attributes);
            for (const scope of batch.scopeMetrics ?? [])
              for (const metric of scope.metrics ?? [])
                points.push(...pointsOf(metric, scope.scope?.name ?? "", resource));
          }
        }
        response.writeHead(200, { "content-type": "application/json" }).end("{}");
      },
      () => response.writeHead(400).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    points,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
