import { DeliveryFailure } from "./delivery-failure.js";

/** One signed webhook delivery attempt. */
export interface WebhookPost {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly timeoutMs: number;
}

/**
 * POSTs a delivery with Node's fetch. A 2xx answer acknowledges it; any other status, a timeout
 * or a failed connection throws {@link DeliveryFailure} (retried by the sender). Redirects are
 * not followed: the signed request goes to the registered URL only.
 */
export async function postWebhook(post: WebhookPost): Promise<void> {
  let response: Response;
  try {
    response = await fetch(post.url, {
      method: "POST",
      headers: post.headers,
      body: post.body,
      redirect: "manual",
      signal: AbortSignal.timeout(post.timeoutMs),
    });
  } catch (error) {
    const reason = error as { name?: string; cause?: { code?: string; message?: string }; message?: string };
    if (reason.name === "TimeoutError") throw new DeliveryFailure(`no answer within ${post.timeoutMs} ms`);
    throw new DeliveryFailure(
      `request failed: ${reason.cause?.code ?? reason.cause?.message ?? reason.message ?? String(error)}`,
    );
  }
  // The body is not needed; cancelling it frees the connection at once.
  await response.body?.cancel().catch(() => undefined);
  if (response.status < 200 || response.status > 299)
    throw new DeliveryFailure(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`);
}
