import type { WebhookFailureCategory } from "../domain/index.js";
import { WebhookTargetRefused } from "./webhook-guard.js";

const timeouts = new Set(["ETIMEDOUT", "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT"]);
const dnsFailures = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_FAIL", "ENODATA", "ETIMEOUT"]);
/** OpenSSL's certificate verification codes and Node's TLS codes. */
const tlsFailure =
  /^(ERR_TLS_|ERR_SSL_|CERT_|EPROTO$|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|HOSTNAME_MISMATCH$)/;

/**
 * The category of a webhook request that failed before any answer: `timeout` when `timedOut`
 * (the attempt's deadline passed) or a socket timed out, `refused`, `dns`, `tls`,
 * `blocked_address` (the guard refused the host), or `network` for anything else (a reset, an
 * unreachable host, a peer that is not HTTP). The error and its causes are read by their codes.
 *
 * @example
 * webhookFailureCategory(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }), false) // => "refused"
 */
export function webhookFailureCategory(error: unknown, timedOut: boolean): WebhookFailureCategory {
  if (timedOut) return "timeout";
  for (let cause = error, depth = 0; cause instanceof Error && depth < 5; cause = cause.cause, depth++) {
    if (cause instanceof WebhookTargetRefused) return cause.category;
    const code = (cause as { code?: unknown }).code;
    if (typeof code !== "string") continue;
    if (timeouts.has(code)) return "timeout";
    if (code === "ECONNREFUSED") return "refused";
    if (dnsFailures.has(code)) return "dns";
    if (tlsFailure.test(code)) return "tls";
  }
  return "network";
}
