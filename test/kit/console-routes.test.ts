import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consoleBuildCommand } from "../../services/kit/app/console-routes.js";
import { startTestWaybill, type TestWaybill } from "../support/test-waybill.js";

// A fake build in a temp directory, so that the test does not depend on the real console's.
const dir = mkdtempSync(join(tmpdir(), "waybill-console-"));
const asset = "/assets/index-AbCd1234.js";
const script = `console.log(${JSON.stringify("x".repeat(2_000))});\n`;
const indexHtml = (title: string) =>
  `<!doctype html><html><head><title>${title}</title><script type="module" src="${asset}"></script></head><body><div id="root"></div></body></html>\n`;

let waybill: TestWaybill;

beforeAll(async () => {
  waybill = await startTestWaybill({ env: { CONSOLE_DIR: dir } });
});
afterAll(async () => {
  await waybill?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A request sent as written (fetch would resolve `..` and `%2e%2e` before sending). */
function raw(
  path: string,
  headers: Record<string, string> = {},
  method = "GET",
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  const { hostname, port } = new URL(waybill.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("the console at /", () => {
  it("answers 503 naming the build command while the console is not built, and serves it once built", async () => {
    const notBuilt = await raw("/");
    expect(notBuilt.status).toBe(503);
    expect(notBuilt.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(notBuilt.body.toString()).toContain(consoleBuildCommand);
    expect((await raw("/items/MUG-1")).status).toBe(503);

    // Built while the server runs: no restart needed.
    mkdirSync(join(dir, "assets"));
    writeFileSync(join(dir, "assets", "index-AbCd1234.js"), script);
    writeFileSync(join(dir, "index.html"), indexHtml("Waybill console"));
    writeFileSync(join(dir, "favicon.ico"), Buffer.from([0, 0, 1, 0]));
    const built = await fetch(`${waybill.url}/`);
    expect(built.status).toBe(200);
    expect(await built.text()).toContain("<title>Waybill console</title>");
  });

  it("serves index.html with no-cache and a CSP of its own scripts only", async () => {
    const response = await fetch(`${waybill.url}/`);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-cache");
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
  });

  it.each(["/items/MUG-1", "/orders/123?x=1", "/fleet/"])(
    "answers index.html at the client-side route %s",
    async (path) => {
      const response = await fetch(`${waybill.url}${path}`);
      expect([response.status, response.headers.get("cache-control")]).toEqual([200, "no-cache"]);
      expect(await response.text()).toContain("<title>Waybill console</title>");
    },
  );

  it("caches hashed assets for good, with their content type, and answers 304 to their ETag", async () => {
    const response = await fetch(`${waybill.url}${asset}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(await response.text()).toBe(script);
    const etag = response.headers.get("etag") ?? "";
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const again = await raw(asset, { "if-none-match": etag });
    expect([again.status, again.body.length]).toEqual([304, 0]);
    const icon = await raw("/favicon.ico");
    expect([icon.status, icon.headers["content-type"], icon.headers["cache-control"]]).toEqual([
      200,
      "image/x-icon",
      "no-cache",
    ]);
  });

  it("gzips text when the browser accepts it, and answers HEAD without a body", async () => {
    const zipped = await raw(asset, { "accept-encoding": "gzip, br" });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.body.length).toBeLessThan(script.length / 4);
    expect(gunzipSync(zipped.body).toString()).toBe(script);
    const head = await raw("/", {}, "HEAD");
    expect([head.status, head.body.length]).toEqual([200, 0]);
    expect(Number(head.headers["content-length"])).toBe(indexHtml("Waybill console").length);
  });

  it("serves a rebuilt index.html without a restart", async () => {
    const before = (await raw("/")).headers.etag;
    writeFileSync(join(dir, "index.html"), indexHtml("Waybill console, rebuilt"));
    const after = await raw("/");
    expect(after.body.toString()).toContain("rebuilt");
    expect(after.headers.etag).not.toBe(before);
  });

  it("answers 404 for a missing asset or file, but a page for a client route with a dot in it", async () => {
    expect((await raw("/assets/x.js")).status).toBe(404);
    expect((await raw("/assets/x.js", { accept: "text/html" })).status).toBe(404);
    expect((await raw("/robots.txt")).status).toBe(404);
    // A browser opening an item whose SKU has a dot gets the app, which routes it.
    const page = await raw("/items/TEA.250G", { accept: "text/html,application/xhtml+xml,*/*;q=0.8" });
    expect([page.status, page.body.toString()]).toEqual([200, indexHtml("Waybill console, rebuilt")]);
  });

  it.each([
    "/../package.json",
    "/%2e%2e/package.json",
    "/assets/..%2f..%2fpackage.json",
    "/assets/%2e%2e/%2e%2e/package.json",
    "/assets/..%5c..%5cpackage.json",
    "/..",
    "/.env",
    "/%00.js",
  ])("never serves a file outside its directory: %s", async (path) => {
    const response = await raw(path);
    expect([400, 404]).toContain(response.status);
    expect(response.body.toString()).not.toContain('"name": "waybill"');
  });
});

describe("the other paths of the port", () => {
  it("leaves RPCs as they are, over POST and Connect GET", async () => {
    const health = await fetch(`${waybill.url}/grpc.health.v1.Health/Check`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect([health.status, await health.json()]).toEqual([200, { status: "SERVING" }]);
    const token = await waybill.token("admin");
    const query = "?connect=v1&encoding=json&message=%7B%7D";
    const listed = await raw(`/waybill.access.v1.ApiKeyService/ListApiKeys${query}`, {
      authorization: `Bearer ${token}`,
    });
    expect([listed.status, listed.headers["content-type"]]).toEqual([200, "application/json"]);
    const unknown = await raw("/waybill.inventory.v1.InventoryService/NoSuchMethod");
    expect(unknown.headers["content-type"]).not.toMatch(/text\/html/);
  });

  it("leaves /docs and the probes to their own routes", async () => {
    const docs = await fetch(`${waybill.url}/docs`);
    expect([docs.status, (await docs.text()).includes("swagger-ui")]).toEqual([200, true]);
    expect((await fetch(`${waybill.url}/docs/nothing-here`)).status).toBe(404);
    expect((await fetch(`${waybill.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${waybill.url}/readyz`)).status).toBe(200);
    // Not the console's page either with a trailing slash: a probe must never read HTML as healthy.
    for (const probe of ["/healthz/", "/readyz/"]) {
      expect((await raw(probe, { accept: "text/html" })).headers["content-type"], probe).not.toMatch(/text\/html/);
    }
  });

  it("leaves other methods than GET and HEAD to the API", async () => {
    const posted = await raw("/items/MUG-1", {}, "POST");
    expect(posted.headers["content-type"]).not.toMatch(/text\/html/);
  });
});
