import { execFile } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { OrderStatus } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import type { Waybill } from "@waybill/sdk";
import { createWaybill } from "@waybill/sdk/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTokenIssuer, type RoleName } from "../../services/kit/auth/index.js";
import { levelOf, orderRequest, stockedItem } from "../support/fixtures.js";
import { createIsolatedEnvironment, type IsolatedEnvironment } from "../support/isolated-environment.js";
import { testAuthSecret } from "../support/test-waybill.js";
import { waitUntil } from "../support/wait-for.js";
import { spawnWaybill, type WaybillProcess } from "../support/waybill-process.js";
import { stageRuntime } from "./runtime-stage.js";

// The production path end to end: `npm run build`, then the build run by plain node from a copy
// of the image's runtime files, where no TypeScript source of Waybill exists, with no tsx, loader
// or `@waybill/source` condition; then real calls through the SDK.
const run = promisify(execFile);
const root = new URL("../..", import.meta.url).pathname;
const services = ["inventory", "orders", "notifications"];
const tokens = createTokenIssuer(testAuthSecret);

let stage: string;
let env: IsolatedEnvironment | undefined;
let waybill: WaybillProcess | undefined;

beforeAll(async () => {
  await run("npm", ["run", "build"], { cwd: root, timeout: 600_000, maxBuffer: 16 << 20 });
  stage = await stageRuntime();
  env = await createIsolatedEnvironment();
  // As the image runs it: production settings, and the copy of the image's files as the working directory.
  const production = {
    NODE_ENV: "production",
    AUTH_SECRET: testAuthSecret,
    SMTP_URL: "smtp://127.0.0.1:9",
    MAIL_FROM: "Waybill <no-reply@waybill.test>",
    WEBHOOK_SECRET_KEY: `k1:${randomBytes(32).toString("base64")}`,
    SHUTDOWN_GRACE_MS: "500",
  };
  waybill = await spawnWaybill(env, production, [], {
    entry: join(stage, "dist/services/main.js"),
    args: services.flatMap((name) => ["--service", name]),
    cwd: stage,
  });
}, 900_000);

afterAll(async () => {
  await waybill?.kill("SIGKILL");
  await env?.cleanup();
  if (stage) await rm(stage, { recursive: true, force: true });
});

/** Every file under `dir`, relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
}

async function as(role: RoleName, subject: string, brandId?: string): Promise<Waybill> {
  const token = await tokens.sign({ subject, role, ...(brandId ? { brandId } : {}) });
  return createWaybill({ baseUrl: waybill!.url, token, retry: false });
}

describe("the production build", () => {
  it("is JavaScript only, with the services' templates beside it, and start:prod runs it with node", async () => {
    const files = await filesUnder(join(stage, "dist"));
    expect(files).toContain("services/main.js");
    expect(files.filter((file) => /\.[mc]?ts$/.test(file))).toEqual([]);
    expect(files).toContain("services/notifications/templates/welcome.txt");
    const specifiers: string[] = [];
    for (const file of files.filter((name) => name.endsWith(".js"))) {
      const text = await readFile(join(stage, "dist", file), "utf8");
      for (const match of text.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)) specifiers.push(match[1] ?? "");
    }
    expect(specifiers.length).toBeGreaterThan(100);
    expect(specifiers.filter((specifier) => /\.[mc]?ts$|^tsx(\/|$)/.test(specifier))).toEqual([]);
    const manifest = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    expect(manifest.scripts["start:prod"]).toBe("node dist/services/main.js");
  });

  it("runs under plain node: no tsx, loader or source condition, and no TypeScript to load", async () => {
    const argv = (await readFile(`/proc/${waybill!.pid}/cmdline`, "utf8")).split("\0").filter(Boolean);
    expect(argv).toEqual([
      process.execPath,
      join(stage, "dist/services/main.js"),
      ...services.flatMap((name) => ["--service", name]),
      "--port",
      "0",
    ]);
    const environ = (await readFile(`/proc/${waybill!.pid}/environ`, "utf8")).split("\0");
    expect(environ).toContain("NODE_OPTIONS=");
    // The workspaces resolve inside the copy (to the SDK's build, not its sources): no TypeScript
    // but declaration files there to load.
    const copied = await filesUnder(stage);
    expect(copied.filter((file) => !file.startsWith("node_modules/") && /(?<!\.d)\.[mc]?ts$/.test(file))).toEqual([]);
    expect(copied.filter((file) => file.startsWith("gen/") && file.endsWith(".js")).length).toBeGreaterThan(10);
  });

  it("becomes ready and answers real calls through the SDK, service to service included", async () => {
    const ready = await waitUntil(
      () => fetch(`${waybill!.url}/readyz`),
      (response) => response.status === 200,
      "GET /readyz 200",
      60_000,
    );
    expect(ready.status).toBe(200);
    const brand = `prod-${randomUUID().slice(0, 8)}`;
    const admin = await as("admin", "prod-admin");
    await stockedItem(admin, brand, "MUG-1", 5);
    const customerId = randomUUID();
    await admin.orders.createCustomer({
      customerId,
      name: "Grace",
      email: `grace-${customerId.slice(0, 8)}@example.com`,
      idempotencyKey: `customer-${customerId}`,
    });
    // Orders holds the stock at Inventory through the kit's SDK clients (sdk/dist in this process).
    const customer = await as("customer", customerId);
    const { order } = await customer.orders.placeOrder(orderRequest(customerId, brand, [["MUG-1", 2]], "prod-order"));
    expect(order?.status).toBe(OrderStatus.PLACED);
    expect(await levelOf(admin, brand, "MUG-1")).toMatchObject({ onHand: 5, reserved: 2, available: 3 });
  });

  // The version (package.json) and the email templates are read at start: it would not have started without them.
  it("finds its files from the build: the console's pages and the API reference", async () => {
    const page = await fetch(`${waybill!.url}/`, { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<!doctype html>");
    const document = await fetch(`${waybill!.url}/docs/openapi.json`);
    expect(document.status).toBe(200);
    expect((await document.json()) as object).toHaveProperty("openapi");
  });

  it("shuts down on SIGTERM with exit code 0, as a container's stop sends it", async () => {
    await waybill!.kill("SIGTERM");
    expect(await waybill!.exit).toEqual({ code: 0, signal: null });
  });
});
