import { nonPublicRange } from "./webhook-address.js";
import { allowedTarget, unbracketed, type WebhookAllowList } from "./webhook-allow-list.js";

/** A webhook URL's host and port, as connecting to it needs them. */
export interface WebhookEndpoint {
  /** The host, normalised by the WHATWG URL parser (`2130706433` is `127.0.0.1`), IPv6 without brackets. */
  readonly host: string;
  readonly port: number;
}

/**
 * The endpoint of a webhook URL, or why it cannot be one: an absolute `https` URL (`http` too
 * unless `httpsOnly`, which production sets) without credentials. The WHATWG URL parser has
 * already turned the host's decimal, hex and short forms (`2130706433`, `0x7f000001`, `127.1`)
 * into the address they mean.
 *
 * @example
 * webhookEndpoint("https://hooks.example.com/in", true) // => { host: "hooks.example.com", port: 443 }
 */
export function webhookEndpoint(url: string, httpsOnly: boolean): WebhookEndpoint | { readonly problem: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { problem: "is not a URL" };
  }
  const schemes = httpsOnly ? ["https:"] : ["https:", "http:"];
  if (!schemes.includes(parsed.protocol)) return { problem: `must be ${httpsOnly ? "https" : "http or https"}` };
  if (parsed.username || parsed.password) return { problem: "must not carry a user name or password" };
  const port = parsed.port ? Number(parsed.port) : parsed.protocol === "https:" ? 443 : 80;
  return { host: unbracketed(parsed.hostname), port };
}

/**
 * The first of `addresses` (what the endpoint's host resolved to, or the host itself when it is
 * an address) that a webhook may not be posted to, with why, or `undefined` when every one is
 * public or let through by the allow-list. Every address counts, not only the one a connection
 * would use: a name must not point inward at all.
 *
 * @example
 * refusedAddress({ host: "localhost", port: 80 }, ["127.0.0.1"], []) // => "127.0.0.1 (loopback)"
 */
export function refusedAddress(
  endpoint: WebhookEndpoint,
  addresses: readonly string[],
  allowList: WebhookAllowList,
): string | undefined {
  for (const address of addresses) {
    const range = nonPublicRange(address);
    if (range === undefined || allowedTarget(allowList, { ...endpoint, address })) continue;
    return `${address} (${range})`;
  }
  return undefined;
}
