import type { Agent } from "undici";
import { isIpAddress } from "../domain/index.js";
import type { WebhookGuard } from "./webhook-guard.js";

/**
 * The HTTP agent of every webhook delivery: each connection it opens first resolves the host
 * through `guard` and then connects to a checked address itself (the TLS name stays the host's),
 * so the address connected to is one that was checked, whatever the DNS says by then (DNS
 * rebinding). A refused host fails the connection with the guard's error, before any packet is
 * sent to it. Of several addresses an IPv4 one is taken first (hosts without an IPv6 route are
 * common, and only one address is tried). undici is loaded here, at the first delivery, not at
 * start (see `createWebhookChannel`).
 */
export async function createWebhookDispatcher(guard: WebhookGuard): Promise<Agent> {
  const { Agent, buildConnector } = await import("undici");
  const connect = buildConnector({});
  return new Agent({
    connect(options, callback) {
      const port = Number(options.port) || (options.protocol === "https:" ? 443 : 80);
      guard.addressesOf({ host: options.hostname, port }).then(
        (addresses) => {
          const address = addresses.find((candidate) => !candidate.includes(":")) ?? addresses[0] ?? options.hostname;
          const servername = options.servername ?? (isIpAddress(options.hostname) ? undefined : options.hostname);
          connect({ ...options, hostname: address, ...(servername ? { servername } : {}) }, callback);
        },
        (error: Error) => callback(error, null),
      );
    },
  });
}
