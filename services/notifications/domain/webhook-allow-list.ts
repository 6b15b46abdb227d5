import ipaddr from "ipaddr.js";

/** One entry of `WEBHOOK_ALLOWED_HOSTS`: addresses (a CIDR or one address) or a host name, each on one port or any. */
type AllowedEntry =
  | { readonly kind: "addresses"; readonly range: [ipaddr.IPv4 | ipaddr.IPv6, number]; readonly port?: number }
  | { readonly kind: "name"; readonly host: string; readonly port?: number };

/** The targets that may be posted to although they are not public (development and tests). */
export type WebhookAllowList = readonly AllowedEntry[];

/** Where a webhook goes: the URL's host (lower case, IPv6 without brackets), its port and one address it resolved to. */
export interface WebhookTarget {
  readonly host: string;
  readonly port: number;
  readonly address: string;
}

/**
 * Parses `WEBHOOK_ALLOWED_HOSTS`: comma-separated CIDRs (`10.0.0.0/8`, `::1/128`), addresses
 * (`127.0.0.1`, `::1`, `127.0.0.1:8080`, `[::1]:8080`) and host names (`localhost`,
 * `hooks.internal:8443`). Addresses and names go through the WHATWG URL parser as a URL's host
 * would, so `127.1` means `127.0.0.1`. Throws an Error saying which entry is wrong.
 *
 * @example
 * parseAllowList("127.0.0.1,hooks.internal:8443")
 */
export function parseAllowList(text: string): WebhookAllowList {
  return text
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean)
    .map(parseEntry);
}

function parseEntry(entry: string): AllowedEntry {
  if (/^[\d.:a-f]+\/\d+$/i.test(entry)) {
    if (!ipaddr.isValidCIDR(entry)) throw new Error(`"${entry}" is not a CIDR like 10.0.0.0/8 or fd00::/8`);
    return { kind: "addresses", range: ipaddr.parseCIDR(entry) };
  }
  if (ipaddr.IPv6.isValid(entry)) return { kind: "addresses", range: single(entry) };
  let url: URL;
  try {
    url = new URL(`http://${entry}`);
  } catch {
    url = new URL("http://invalid");
  }
  if (url.host === "invalid" || url.username || url.password || url.pathname !== "/" || url.search || url.hash)
    throw new Error(`"${entry}" is not a host, host:port, address or CIDR`);
  const host = unbracketed(url.hostname);
  const port = url.port ? Number(url.port) : undefined;
  const portPart = port === undefined ? {} : { port };
  return ipaddr.isValid(host)
    ? { kind: "addresses", range: single(host), ...portPart }
    : { kind: "name", host, ...portPart };
}

/** A CIDR of exactly one address. */
function single(address: string): [ipaddr.IPv4 | ipaddr.IPv6, number] {
  const parsed = ipaddr.parse(address);
  return [parsed, parsed.kind() === "ipv4" ? 32 : 128];
}

/** A URL hostname without the brackets of an IPv6 address. */
export function unbracketed(hostname: string): string {
  return hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;
}

/**
 * Whether the allow-list lets `target` through: its address is in a listed CIDR or is a listed
 * address, or its host is a listed name (whatever it resolves to), on the listed port if one is given.
 *
 * @example
 * allowedTarget(parseAllowList("127.0.0.1"), { host: "127.0.0.1", port: 8080, address: "127.0.0.1" }) // => true
 */
export function allowedTarget(allowList: WebhookAllowList, target: WebhookTarget): boolean {
  const address = ipaddr.isValid(target.address) ? ipaddr.process(target.address) : undefined;
  return allowList.some((entry) => {
    if (entry.port !== undefined && entry.port !== target.port) return false;
    if (entry.kind === "name") return entry.host === target.host;
    const [network, bits] = entry.range;
    return address !== undefined && address.kind() === network.kind() && address.match(network, bits);
  });
}
