import { lookup } from "node:dns/promises";

/** Every address a host name resolves to; rejects when it does not resolve. */
export type HostLookup = (host: string) => Promise<readonly string[]>;

/** The operating system's resolver (`getaddrinfo`, as connecting would use), every address of the name. */
export const systemLookup: HostLookup = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
