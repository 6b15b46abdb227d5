import { isIP } from "node:net";

/** One URL of a `<SERVICE>_URL` list: where replicas of a service answer. */
export interface PeerTarget {
  /** The URL as written, without a trailing slash: the base of the methods' paths. */
  readonly baseUrl: string;
  /** `http:` or `https:`. */
  readonly protocol: string;
  /** The host name or address, IPv6 without brackets. */
  readonly hostname: string;
  readonly port: number;
  /** The address itself when the host is an IP literal (no lookup needed), else `undefined`. */
  readonly address: string | undefined;
}

/**
 * Parses a `<SERVICE>_URL` value: one URL or a comma-separated list of them, each http or https.
 * Blanks around items are dropped; an empty list or any other scheme throws, naming the item.
 *
 * @example
 * parsePeerTargets("http://10.0.0.5:8080, http://inventory:8080")
 */
export function parsePeerTargets(text: string): readonly PeerTarget[] {
  const items = text
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
  if (items.length === 0) throw new Error("no URL given");
  return items.map(parsePeerTarget);
}

/** One http(s) URL as a target. */
function parsePeerTarget(text: string): PeerTarget {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`"${text}" is not a URL like http://inventory:8080`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`"${text}" is not an http or https URL`);
  }
  const hostname = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
  return {
    baseUrl: text.replace(/\/+$/, ""),
    protocol: url.protocol,
    hostname,
    port: url.port === "" ? (url.protocol === "https:" ? 443 : 80) : Number(url.port),
    address: isIP(hostname) === 0 ? undefined : hostname,
  };
}

/**
 * Whether the targets are one IP-literal URL: nothing to resolve or balance, so the caller
 * keeps the plain transport it always had.
 */
export function isSingleAddress(targets: readonly PeerTarget[]): boolean {
  return targets.length === 1 && targets[0]?.address !== undefined;
}
