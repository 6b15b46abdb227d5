import {
  isIpAddress,
  refusedAddress,
  type WebhookAllowList,
  type WebhookEndpoint,
  type WebhookFailureCategory,
} from "../domain/index.js";
import type { HostLookup } from "./host-lookup.js";

/** A webhook endpoint that may not be connected to: its name does not resolve, or an address is not public. */
export class WebhookTargetRefused extends Error {
  override readonly name = "WebhookTargetRefused";

  constructor(
    readonly category: Extract<WebhookFailureCategory, "dns" | "blocked_address">,
    message: string,
  ) {
    super(message);
  }
}

/** Resolves webhook endpoints and lets through only those whose every address may be posted to. */
export interface WebhookGuard {
  /**
   * The addresses of `endpoint` (the host itself when it is an address), every one public or
   * allowed; throws {@link WebhookTargetRefused} otherwise.
   */
  addressesOf(endpoint: WebhookEndpoint): Promise<readonly string[]>;
}

/**
 * The one check of where a webhook may go, used at registration and on every connection a
 * delivery opens (so a name that resolves elsewhere by then, DNS rebinding, is caught too).
 *
 * @example
 * const guard = createWebhookGuard({ allowList: parseAllowList(""), lookup: systemLookup });
 * await guard.addressesOf({ host: "localhost", port: 80 }); // throws: blocked_address
 */
export function createWebhookGuard(deps: {
  readonly allowList: WebhookAllowList;
  readonly lookup: HostLookup;
}): WebhookGuard {
  return {
    async addressesOf(endpoint) {
      const addresses = isIpAddress(endpoint.host)
        ? [endpoint.host]
        : await deps.lookup(endpoint.host).catch((error: unknown) => {
            // A name that does not exist is refused; a resolver that failed for now is not an answer.
            if (nameDoesNotExist(error)) return [] as const;
            throw error;
          });
      if (addresses.length === 0) throw new WebhookTargetRefused("dns", `${endpoint.host} does not resolve`);
      const refused = refusedAddress(endpoint, addresses, deps.allowList);
      if (refused !== undefined)
        throw new WebhookTargetRefused("blocked_address", `${endpoint.host} resolves to ${refused}`);
      return addresses;
    },
  };
}

/** getaddrinfo's answers for a name that has no address, as opposed to a resolver failing for now. */
const absentNameCodes = new Set(["ENOTFOUND", "ENODATA", "EAI_NONAME", "EAI_NODATA"]);

function nameDoesNotExist(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === "string" && absentNameCodes.has(code);
}
