import type { Transport } from "@connectrpc/connect";
import { createWaybillTransport } from "@waybill/sdk";

const overrideKey = "waybill.console.baseUrl";

/**
 * Where the RPCs go: the page's own origin, since Waybill serves the console. Only Vite's
 * development server (`npm run dev -w @waybill/console`) honours `?waybill=<url>`, kept for the
 * tab's reloads: a built console never sends a token anywhere but where it came from.
 */
export function waybillBaseUrl(
  location: Pick<Location, "origin" | "search"> = window.location,
  storage: Storage = sessionStorage,
  development: boolean = import.meta.env.DEV,
): string {
  if (!development) return location.origin;
  const override = new URLSearchParams(location.search).get("waybill");
  if (override) storage.setItem(overrideKey, override.replace(/\/+$/, ""));
  return storage.getItem(overrideKey) ?? location.origin;
}

/** The console's one transport: the SDK's (retries, deadlines, idempotency keys) with the session's token. */
export function createConsoleTransport(token: () => string | undefined, baseUrl = waybillBaseUrl()): Transport {
  return createWaybillTransport({ baseUrl, token: () => token() ?? "" });
}
