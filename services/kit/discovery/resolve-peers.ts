import { promises as dns } from "node:dns";
import { isIP } from "node:net";
import type { PeerTarget } from "./peer-targets.js";

/** One address a service answers at: a target's URL, connected to one of its host's addresses. */
export interface PeerEndpoint {
  /** `baseUrl address`, unique in a list. */
  readonly key: string;
  readonly target: PeerTarget;
  /** The IP address to connect to. */
  readonly address: string;
}

/** Every address of a host name (`dns.promises.lookup(host, { all: true })`); tests pass their own. */
export type LookupAll = (hostname: string) => Promise<readonly { readonly address: string }[]>;

/** The system's resolver (getaddrinfo: /etc/hosts, then DNS), every address of a name. */
export const systemLookup: LookupAll = (hostname) => dns.lookup(hostname, { all: true, order: "verbatim" });

/** The outcome of resolving every target once. */
export interface Resolution {
  readonly endpoints: readonly PeerEndpoint[];
  /** Targets whose lookup failed, with the error; their earlier endpoints are kept. */
  readonly failures: readonly { readonly target: PeerTarget; readonly error: unknown }[];
}

/**
 * Resolves each target to its endpoints: an IP literal to itself, a host name to every address
 * `lookup` answers. A target whose lookup fails keeps the endpoints it had in `previous` (a DNS
 * outage must not take away replicas that still answer); a lookup that answers drops the
 * addresses it no longer lists.
 */
export async function resolvePeers(
  targets: readonly PeerTarget[],
  lookup: LookupAll,
  previous: readonly PeerEndpoint[] = [],
): Promise<Resolution> {
  const failures: { target: PeerTarget; error: unknown }[] = [];
  const perTarget = await Promise.all(
    targets.map(async (target) => {
      if (target.address !== undefined) return [target.address];
      try {
        const found = await lookup(target.hostname);
        if (found.length === 0) throw new Error(`no address for ${target.hostname}`);
        return found.map((entry) => entry.address).filter((address) => isIP(address) !== 0);
      } catch (error) {
        failures.push({ target, error });
        return previous.filter((endpoint) => endpoint.target.baseUrl === target.baseUrl).map((e) => e.address);
      }
    }),
  );
  const endpoints = new Map<string, PeerEndpoint>();
  targets.forEach((target, index) => {
    for (const address of perTarget[index] ?? []) {
      const key = `${target.baseUrl} ${address}`;
      if (!endpoints.has(key)) endpoints.set(key, { key, target, address });
    }
  });
  return { endpoints: [...endpoints.values()], failures };
}
