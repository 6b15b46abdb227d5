import { type Browser, chromium } from "playwright-core";

/**
 * Flags for the system Chromium on these machines: headless without a sandbox (tests run as root), no
 * GPU, and none of the background traffic (QUIC, sync, component updates) that an offline machine
 * would only wait on.
 */
export const chromiumArgs: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Launches the system Chromium (`/usr/bin/chromium`, or `CHROMIUM_PATH`) through playwright-core.
 * Playwright gives every launch a fresh temporary profile, deleted on `close()`; the caller closes
 * the browser (in `afterAll`).
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [...chromiumArgs],
  });
}
