import { readFile } from "node:fs/promises";
import { createServer, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { createWaybill as createBrowserWaybill, sdkVersion, userAgentInterceptor } from "@waybill/sdk";
import { createWaybill } from "@waybill/sdk/node";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestWaybill, type TestWaybill } from "./support/test-waybill.js";

let waybill: TestWaybill;
let proxyUrl: string;
let closeProxy: () => Promise<void>;
const arrived: IncomingHttpHeaders[] = [];

beforeAll(async () => {
  waybill = await startTestWaybill();
  // A pass-through proxy in front of the real Waybill: it records the headers as they arrive over HTTP.
  const target = new URL(waybill.url);
  const proxy = createServer((incoming, outgoing) => {
    arrived.push(incoming.headers);
    const forwarded = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: incoming.url,
        method: incoming.method,
        headers: incoming.headers,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  closeProxy = () => new Promise((resolve) => proxy.close(() => resolve()));
}, 60_000);
afterAll(async () => {
  await closeProxy?.();
  await waybill?.stop();
});

it("the SDK version constant is the package's version", async () => {
  const manifest = JSON.parse(await readFile(new URL("../sdk/package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  expect(sdkVersion, "bump sdk/src/user-agent-version.ts with sdk/package.json").toBe(manifest.version);
});

it("every protocol tells the server the SDK and its version", async () => {
  const token = await waybill.token("admin");
  const interceptors = [userAgentInterceptor()];
  const product = `waybill-sdk-js/${sdkVersion}`;
  for (const protocol of ["connect", "grpc-web"] as const) {
    arrived.length = 0;
    await createWaybill({ baseUrl: proxyUrl, token, protocol, interceptors }).inventory.listItems({});
    expect(arrived[0]?.["user-agent"], protocol).toMatch(new RegExp(`^${product} connect-es/`));
    expect(arrived[0]?.["x-user-agent"], protocol).toMatch(new RegExp(`^${product}`));
  }
  // Over fetch no script sets User-Agent; X-User-Agent (CORS-allowed by Connect) names the SDK.
  arrived.length = 0;
  await createBrowserWaybill({ baseUrl: proxyUrl, token, interceptors }).inventory.listItems({});
  expect(arrived[0]?.["x-user-agent"]).toBe(product);
});
