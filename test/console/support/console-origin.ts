/** Where a test opens the console, and what to close afterwards. */
export interface ConsoleOrigin {
  /** The first URL to open, e.g. `http://127.0.0.1:8080/sign-in`. */
  readonly signInUrl: string;
  close(): Promise<void>;
}

/**
 * The console as Waybill serves it at `/` (from console/dist, built by the test first), on the
 * same origin as the RPCs, as a user opens it. Fails when Waybill does not serve it.
 */
export async function consoleOrigin(waybillUrl: string): Promise<ConsoleOrigin> {
  const page = await fetch(`${waybillUrl}/sign-in`, { headers: { accept: "text/html" } });
  const html = page.ok ? await page.text() : "";
  if (!html.includes('<div id="root">')) {
    throw new Error(`Waybill does not serve the console at ${waybillUrl}/ (status ${page.status})`);
  }
  return { signInUrl: `${waybillUrl}/sign-in`, close: async () => undefined };
}
