import { context, type Span, SpanKind, trace } from "@opentelemetry/api";
import { suppressTracing } from "@opentelemetry/core";
import type { Dispatcher } from "undici";
import { failSpan } from "../../kit/telemetry/linked-span.js";
import { injectTraceContext } from "../../kit/telemetry/trace-context.js";
import { statusFailure } from "../domain/index.js";
import { DeliveryFailure } from "./delivery-failure.js";
import { webhookFailureCategory } from "./webhook-failures.js";

/** One signed webhook delivery attempt. */
export interface WebhookPost {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly timeoutMs: number;
}

/**
 * POSTs a delivery through `dispatcher` (the guarded agent of {@link createWebhookDispatcher}).
 * A 2xx answer acknowledges it; anything else throws {@link DeliveryFailure} (retried by the
 * sender) whose message is only a category: `redirect 302`, `http_4xx 404`, `http_5xx 503`,
 * `timeout`, `refused`, `dns`, `tls`, `blocked_address` or `network`. Redirects are never
 * followed (undici's `request` does not): the signed request goes to the registered URL only.
 * The socket's own error stays the failure's `cause`, for logs, never for callers.
 *
 * Each attempt is an HTTP client span (`POST`, child of the active send span) whose context goes
 * to the receiver as the W3C `traceparent` header; a failed attempt is ERROR with the failure
 * recorded as its exception. The request itself runs with tracing suppressed, so an HTTP client
 * instrumentation adds neither a second span nor a second `traceparent` header.
 */
export async function postWebhook(dispatcher: Dispatcher, post: WebhookPost): Promise<void> {
  const span = trace
    .getTracer("waybill")
    .startSpan("POST", { kind: SpanKind.CLIENT, attributes: requestAttributes(post.url) });
  const spanContext = trace.setSpan(context.active(), span);
  try {
    const headers = { ...post.headers, ...injectTraceContext(spanContext) };
    const status = await context.with(suppressTracing(spanContext), () => send(dispatcher, post, headers, span));
    span.setAttribute("http.response.status_code", status);
    if (status < 200 || status > 299) {
      span.setAttribute("error.type", String(status));
      throw new DeliveryFailure(statusFailure(status));
    }
  } catch (error) {
    failSpan(span, error);
    throw error;
  } finally {
    span.end();
  }
}

/** Sends the request; resolves to the answer's status, or throws {@link DeliveryFailure} (its category on `span`). */
async function send(
  dispatcher: Dispatcher,
  post: WebhookPost,
  headers: Record<string, string>,
  span: Span,
): Promise<number> {
  const signal = AbortSignal.timeout(post.timeoutMs);
  try {
    // Loaded at the first delivery (cached after it), not at the start of every process.
    const { request } = await import("undici");
    const response = await request(post.url, { method: "POST", headers, body: post.body, dispatcher, signal });
    // The body is not needed; dropping it frees the connection.
    await response.body.dump().catch(() => undefined);
    return response.statusCode;
  } catch (error) {
    const category = webhookFailureCategory(error, signal.aborted);
    span.setAttribute("error.type", category);
    throw new DeliveryFailure(category, false, error);
  }
}

/** HTTP client attributes of the semantic conventions; the query is left out (it may hold a token). */
function requestAttributes(url: string) {
  const parsed = new URL(url);
  const scheme = parsed.protocol.replace(":", "");
  return {
    "http.request.method": "POST",
    "server.address": parsed.hostname,
    "server.port": Number(parsed.port) || (scheme === "https" ? 443 : 80),
    "url.full": `${parsed.origin}${parsed.pathname}`,
    "url.scheme": scheme,
  };
}
