import { type Dispatcher, request } from "undici";
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
 */
export async function postWebhook(dispatcher: Dispatcher, post: WebhookPost): Promise<void> {
  const signal = AbortSignal.timeout(post.timeoutMs);
  let status: number;
  try {
    const response = await request(post.url, {
      method: "POST",
      headers: post.headers,
      body: post.body,
      dispatcher,
      signal,
    });
    status = response.statusCode;
    // The body is not needed; dropping it frees the connection.
    await response.body.dump().catch(() => undefined);
  } catch (error) {
    throw new DeliveryFailure(webhookFailureCategory(error, signal.aborted), false, error);
  }
  if (status < 200 || status > 299) throw new DeliveryFailure(statusFailure(status));
}
