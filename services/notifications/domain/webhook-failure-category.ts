/**
 * What `last_error` says about a failed webhook attempt: a category, never the socket's own text,
 * so the errors of deliveries cannot be used to tell internal hosts and ports apart. An HTTP
 * status is the partner's own answer and is kept (`http_4xx 404`).
 */
export type WebhookFailureCategory =
  | "timeout"
  | "refused"
  | "dns"
  | "tls"
  | "blocked_address"
  | "redirect"
  | "http_4xx"
  | "http_5xx"
  | "network";

/**
 * The `last_error` of an endpoint that answered `status` (not 2xx): `redirect 302`,
 * `http_4xx 404`, `http_5xx 503`.
 *
 * @example
 * statusFailure(404) // => "http_4xx 404"
 */
export function statusFailure(status: number): string {
  const category: WebhookFailureCategory = status < 400 ? "redirect" : status < 500 ? "http_4xx" : "http_5xx";
  return `${category} ${status}`;
}
