import type { Transport } from "@connectrpc/connect";
import { createWaybillTransport } from "@waybill/sdk";

const overrideKey = "waybill.console.baseUrl";

/**
 * Where the RPCs go: the page's own origin (Waybill serves the console), unless the tab was opened
 * with `?waybill=<url>` (a console served elsewhere); the override is kept for the tab's reloads.
 */
export function waybillBaseUrl(
  location: Pick<Location, "origin" | "search"> = window.location,
  storage: Storage = sessionStorage,
): string {
  const override = new URLSearchParams(location.search).get("waybill");
  if (override) storage.setItem(overrideKey, override.replace(/\/+$/, ""));
  return storage.getItem(overrideKey) ?? location.origin;
}

/** The console's one transport: the SDK's (retries, deadlines, idempotency keys) with the session's token. */
export function createConsoleTransport(token: () => string | undefined, baseUrl = waybillBaseUrl()): Transport {
  return createWaybillTransport({ baseUrl, token: () => token() ?? "" });
}
