import { randomBytes } from "node:crypto";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PageResults, PageWindow } from "./fixtures/sdk-browser/page-results.js";
import { type PageServer, startPageServer } from "./fixtures/sdk-browser/page-server.js";
import { type Preflight, recordPreflights } from "./fixtures/sdk-browser/preflight-recorder.js";
import { launchChromium } from "./support/chromium.js";
import { changeStock, stockedItem, waitFor } from "./support/index.js";
import { bundleSdkPage } from "./support/sdk-bundle.js";
import { startTestWaybill, type TestWaybill } from "./support/test-waybill.js";

// The partner SDK in a real Chromium, on a page of another origin than Waybill's, the way a
// partner's bundler would ship it: what it costs in bytes, and what the server's CORS lets through.

// Registered before Waybill starts, so Waybill's server spans land here (to find the page's trace id).
const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
provider.register();

const brandId = "partner-shop";
const sku = "MUG-BROWSER";
const traceId = randomBytes(16).toString("hex");
const parentSpanId = randomBytes(8).toString("hex");
const partnerRequestId = `req-${randomBytes(4).toString("hex")}`;
/**
 * The most a one-service page may weigh, minified and gzipped. The goal was 25 KB, but connect-es
 * and protobuf-es alone need about 32 KB for one service (every generated file decodes its
 * descriptor with the runtime's embedded descriptor.proto): the raw page below measures that floor
 * in the same run, and the SDK may add at most `sdkOverheadBytes` to it.
 */
const budgetBytes = 40 * 1024;
/** What the SDK may add over connect-es alone: both transports, retries, deadlines, keys, tracing. */
const sdkOverheadBytes = 8 * 1024;
/** The same calls with connect-es alone and the SDK's Inventory contract: the floor of any page. */
const rawPageSource = `
  import { createClient } from "@connectrpc/connect";
  import { createConnectTransport } from "@connectrpc/connect-web";
  import { InventoryService } from "@waybill/sdk/inventory";
  const client = createClient(InventoryService, createConnectTransport({ baseUrl: location.origin }));
  const { items } = await client.listItems({ brandId: "b" }, { headers: { "x-partner-request-id": "1" } });
  for await (const level of client.watchStock({ brandId: "b", skus: items.map((item) => item.sku) })) {
    document.body.textContent = String(level.available);
  }
`;
const screenshots = fileURLToPath(new URL("../.build/screenshots/", import.meta.url));

let waybill: TestWaybill;
let pageServer: PageServer;
let bundle: { readonly code: string; readonly gzipBytes: number };
let rawBundle: { readonly code: string; readonly gzipBytes: number };
let browser: Browser;
let page: Page;
let preflights: readonly Preflight[];
const pageErrors: string[] = [];
const requestedUrls: string[] = [];

beforeAll(async () => {
  pageServer = await startPageServer();
  const source = await readFile(new URL("./fixtures/sdk-browser/page.ts", import.meta.url), "utf8");
  [bundle, rawBundle, waybill, browser] = await Promise.all([
    bundleSdkPage(source),
    bundleSdkPage(rawPageSource),
    startTestWaybill({
      env: { CORS_ALLOWED_ORIGINS: pageServer.origin, CORS_ALLOWED_HEADERS: "x-partner-request-id" },
    }),
    launchChromium(),
  ]);
  pageServer.setScript(bundle.code);
  await stockedItem(await waybill.as("brand", brandId), brandId, sku, 7);
  page = await browser.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") pageErrors.push(message.text());
  });
  page.on("request", (request) => requestedUrls.push(request.url()));
  preflights = await recordPreflights(page);
  const config = new URLSearchParams({
    baseUrl: waybill.url,
    token: await waybill.token("partner", brandId),
    badToken: "not-a-token",
    brandId,
    sku,
    traceparent: `00-${traceId}-${parentSpanId}-01`,
    partnerRequestId,
  });
  await page.goto(`${pageServer.origin}/?${config}`);
});

afterAll(async () => {
  await browser?.close();
  await pageServer?.close();
  await waybill?.stop();
  await provider.shutdown();
});

/** Waits until the page's results satisfy `done` (evaluated in the page), then returns them. */
async function pageResults(done: (results: PageResults) => boolean): Promise<PageResults> {
  const check = `(${done.toString()})(window.waybillPage)`;
  await page.waitForFunction(`window.waybillPage !== undefined && ${check}`, undefined, { timeout: 15_000 });
  return page.evaluate(() => (window as unknown as PageWindow).waybillPage);
}

describe("the SDK bundle", () => {
  it("is built for browsers: no Node module is imported or stubbed", () => {
    expect(bundle.code).not.toMatch(/["'`]node:/);
    expect(bundle.code).not.toContain("__vite-browser-external");
    expect(bundle.code).not.toMatch(/\brequire\(/);
  });

  it("weighs at most 40 KB min+gzip for a page using the Inventory client, 8 KB over connect-es alone", () => {
    const sizes = `page: ${bundle.gzipBytes} B gzipped (${bundle.code.length} B minified); connect-es alone: ${rawBundle.gzipBytes} B`;
    expect(bundle.gzipBytes, sizes).toBeLessThanOrEqual(budgetBytes);
    expect(bundle.gzipBytes - rawBundle.gzipBytes, sizes).toBeLessThanOrEqual(sdkOverheadBytes);
  });
});

describe("the SDK in Chromium, from another origin", () => {
  it("lists items with traceparent and a custom header, which pass the CORS preflight", async () => {
    const { list } = await pageResults((results) => results.list !== undefined);
    expect(list).toEqual({ skus: [sku] });

    // DevTools events travel apart from the page's answers: wait for the preflight's own.
    const listing = await waitFor(
      async () => preflights.find((preflight) => preflight.url.endsWith("InventoryService/ListItems")),
      (found) => found !== undefined,
    );
    expect(listing?.requestedHeaders).toEqual(expect.arrayContaining(["traceparent", "x-partner-request-id"]));
    expect(listing?.status).toBe(204);
    expect(listing?.responseHeaders["access-control-allow-origin"]).toBe(pageServer.origin);
    const allowed = listing?.responseHeaders["access-control-allow-headers"]?.split(",").map((h) => h.trim());
    expect(allowed).toEqual(expect.arrayContaining(["traceparent", "x-partner-request-id"]));

    // Waybill continued the page's trace: its ListItems span is a child of the page's traceparent.
    const spans = await waitFor(
      async () => exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId),
      (found) => found.length > 0,
    );
    const server = spans.find((span) => span.name === "waybill.inventory.v1.InventoryService/ListItems");
    expect(server?.parentSpanContext?.spanId).toBe(parentSpanId);
  });

  it("lists items over gRPC-Web", async () => {
    const { grpcWebList } = await pageResults((results) => results.grpcWebList !== undefined);
    expect(grpcWebList).toEqual({ skus: [sku] });
  });

  it("surfaces a bad token as a ConnectError Unauthenticated over Connect and gRPC-Web", async () => {
    // gRPC-Web answers it in headers (grpc-status), which the page reads only if they are exposed.
    const results = await pageResults((r) => r.badTokenConnect !== undefined && r.badTokenGrpcWeb !== undefined);
    const unauthenticated = { failure: expect.objectContaining({ connectError: true, code: "Unauthenticated" }) };
    expect(results.badTokenConnect).toEqual(unauthenticated);
    expect(results.badTokenGrpcWeb).toEqual(unauthenticated);
  });

  it("streams WatchStock: a change made elsewhere arrives in the page", async () => {
    const initial = { sku, onHand: "7", available: "7" };
    await pageResults((results) => results.levels.length > 0);
    expect((await pageResults(() => true)).levels[0]).toEqual(initial);

    await changeStock(await waybill.as("brand", brandId), brandId, sku, 5n, `browser-restock-${partnerRequestId}`);
    const { levels } = await pageResults((results) => results.levels.some((level) => level.onHand === "12"));
    expect(levels.at(-1)).toEqual({ sku, onHand: "12", available: "12" });

    await mkdir(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, "sdk-browser.png"), fullPage: true });
    await page.evaluate(() => (window as unknown as PageWindow).stopWatching());
    expect((await pageResults((results) => results.streamEnd !== undefined)).streamEnd).toBe("aborted");
  });

  it("loaded nothing but the page and Waybill, without errors", () => {
    const origins = new Set(requestedUrls.map((url) => new URL(url).origin));
    expect([...origins].sort()).toEqual([pageServer.origin, new URL(waybill.url).origin].sort());
    // Chromium logs every answer with an error status: the one expected is the bad token's over
    // Connect (gRPC-Web says it with HTTP 200 and grpc-status). A CORS refusal would show here too.
    expect(pageErrors).toEqual(["Failed to load resource: the server responded with a status of 401 (Unauthorized)"]);
  });
});
