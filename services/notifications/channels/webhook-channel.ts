import type { Agent } from "undici";
import { DomainError } from "../../kit/errors/index.js";
import { type WebhookAllowList, webhookEndpoint } from "../domain/index.js";
import { type HostLookup, systemLookup } from "./host-lookup.js";
import { createWebhookDispatcher } from "./webhook-dispatcher.js";
import { createWebhookGuard, WebhookTargetRefused } from "./webhook-guard.js";
import { postWebhook, type WebhookPost } from "./webhook-poster.js";

/** Settings of {@link createWebhookChannel}. */
export interface WebhookChannelSettings {
  /** `WEBHOOK_ALLOWED_HOSTS`: non-public targets let through (development and tests). */
  readonly allowList: WebhookAllowList;
  /** Only `https` URLs (production). */
  readonly httpsOnly: boolean;
  /** How host names are resolved (the system's resolver unless a test gives its own). */
  readonly lookup?: HostLookup;
}

/** Where webhook deliveries go out, and the rule of which URLs they may go to. */
export interface WebhookChannel {
  /**
   * Why `url` may not be a webhook (not https in production, a host that does not resolve, or
   * an address that is not public), in words for the caller, or `undefined` when it may; rejects
   * UNAVAILABLE when the resolver fails for now (no answer in time, a server failure).
   */
  refusal(url: string): Promise<string | undefined>;
  /** POSTs one delivery; throws `DeliveryFailure` (a category) when it was not acknowledged. */
  post(post: WebhookPost): Promise<void>;
  /** Closes the kept-alive connections (shutdown). */
  close(): Promise<void>;
}

/**
 * Webhook URLs are checked at registration and again on every connection a delivery opens,
 * against the addresses the host resolves to then (DNS rebinding), through one guard. The HTTP
 * agent (and undici with it) is made at the first delivery: most processes never send one.
 *
 * @example
 * const webhooks = createWebhookChannel({ allowList: parseAllowList(""), httpsOnly: true });
 * await webhooks.refusal("https://169.254.169.254/"); // => "url must lead to a public address"
 */
export function createWebhookChannel(settings: WebhookChannelSettings): WebhookChannel {
  const guard = createWebhookGuard({ allowList: settings.allowList, lookup: settings.lookup ?? systemLookup });
  let dispatcher: Promise<Agent> | undefined;
  return {
    async refusal(url) {
      const endpoint = webhookEndpoint(url, settings.httpsOnly);
      if ("problem" in endpoint) return `url ${endpoint.problem}`;
      try {
        await guard.addressesOf(endpoint);
        return undefined;
      } catch (error) {
        // One answer for a name that does not resolve and one that points inward, so refusals
        // tell nothing about the internal network.
        if (error instanceof WebhookTargetRefused) return "url must lead to a public internet address";
        // The resolver failed for now (no answer in time, a server failure): retried by callers.
        throw new DomainError("unavailable", `the webhook's host could not be resolved now - retry shortly`);
      }
    },
    async post(post) {
      dispatcher ??= createWebhookDispatcher(guard);
      return postWebhook(await dispatcher, post);
    },
    close: async () => {
      // A failed load opened nothing, and must not stop the rest of the shutdown.
      const opened = await dispatcher?.catch(() => undefined);
      await opened?.close();
    },
  };
}
