import { lookup } from "node:dns/promises";

/** Every address a host name resolves to; rejects when it does not resolve. */
export type HostLookup = (host: string) => Promise<readonly string[]>;

/**
 * How long a webhook host may take to resolve. `getaddrinfo` runs on libuv's small thread pool
 * and has no deadline of its own: a name served by a resolver that never answers must not keep
 * a registration (or a delivery) waiting for the system's retries.
 */
const lookupTimeoutMs = 5_000;

/**
 * The operating system's resolver (`getaddrinfo`, as connecting would use), every address of the
 * name, or a rejection with code `ETIMEOUT` after {@link lookupTimeoutMs}.
 */
export const systemLookup: HostLookup = async (host) => {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error(`resolving ${host} timed out`), { code: "ETIMEOUT" })),
      lookupTimeoutMs,
    );
  });
  try {
    const entries = await Promise.race([lookup(host, { all: true, verbatim: true }), deadline]);
    return entries.map((entry) => entry.address);
  } finally {
    clearTimeout(timer);
  }
};
