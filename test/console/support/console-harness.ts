import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { buildConsoleIfStale } from "../../../scripts/console-build.js";
import { launchChromium } from "../../support/chromium.js";
import { startTestWaybill, type TestWaybill } from "../../support/test-waybill.js";
import { type ConsoleOrigin, consoleOrigin } from "./console-origin.js";

/** Where the console tests keep their screenshots (test artifacts). */
export const screenshots = fileURLToPath(new URL("../../../.build/screenshots/", import.meta.url));

/** A built console served by a real Waybill, and a Chromium page to use it. */
export interface ConsoleHarness {
  readonly waybill: TestWaybill;
  readonly origin: ConsoleOrigin;
  readonly browser: Browser;
  readonly page: Page;
  /** Errors the page threw and Content-Security-Policy refusals, as they happened. */
  readonly pageErrors: readonly string[];
  stop(): Promise<void>;
}

/**
 * Builds the console when stale, starts a Waybill (with `env`) serving it and Chromium, and opens
 * a desktop-sized page that records its errors; a step that does not come fails on its own
 * locator within 15 s.
 *
 * @example
 * const h = await startConsoleHarness({ RECONCILE_INTERVAL_MS: "0" });
 * await h.page.goto(h.origin.signInUrl);
 */
export async function startConsoleHarness(env: Readonly<Record<string, string>> = {}): Promise<ConsoleHarness> {
  await buildConsoleIfStale();
  const [waybill, browser] = await Promise.all([
    startTestWaybill({ env }),
    launchChromium(),
    mkdir(screenshots, { recursive: true }),
  ]);
  const origin = await consoleOrigin(waybill.url);
  const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  page.setDefaultTimeout(15_000);
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  // Waybill's Content-Security-Policy allows only the console's own files: a refusal shows here.
  page.on("console", (message) => {
    if (message.type() === "error" && message.text().includes("Content Security Policy")) {
      pageErrors.push(message.text());
    }
  });
  return {
    waybill,
    origin,
    browser,
    page,
    pageErrors,
    async stop() {
      await browser.close();
      await origin.close();
      await waybill.stop();
    },
  };
}
