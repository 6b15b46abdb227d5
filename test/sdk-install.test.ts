import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { OrderStatus } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stockedItem } from "./support/fixtures.js";
import { freePort } from "./support/free-port.js";
import { buildSdkIfStale, withSdkBuildLock } from "./support/sdk-bundle.js";
import { startTestWaybill, type TestWaybill } from "./support/test-waybill.js";

// A partner's view of the SDK: the packed tarball installed from the registry's point of view in a
// new project outside the repository (no workspace, no NODE_PATH), then used from ESM, CommonJS
// and TypeScript under each module setting, against a real Waybill.

const run = promisify(execFile);
const root = new URL("..", import.meta.url).pathname;
const tsc = join(root, "node_modules/typescript/bin/tsc");
const brandId = "partner-brand";
const sku = "MUG-1";
let waybill: TestWaybill;
let project: string;
let packed: { readonly filename: string; readonly size: number; readonly unpackedSize: number };

/** The environment of a partner's shell: none of npm's variables of this run, nothing from the repository. */
const partnerEnv: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries(process.env)
    .filter(([name]) => !/^(npm_(?!config_(registry|cache|userconfig)$)|NODE_PATH$|NODE_OPTIONS$|VITEST)/i.test(name))
    .map(([name, value]) =>
      name === "PATH"
        ? [
            name,
            (value ?? "")
              .split(":")
              .filter((dir) => !dir.startsWith(root))
              .join(":"),
          ]
        : [name, value],
    ),
);

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), "waybill-sdk-install-"));
  // Packed under the build lock: other test files build and read sdk/dist at the same time.
  const [pack] = await withSdkBuildLock(async () => {
    await buildSdkIfStale();
    const { stdout } = await run(
      "npm",
      ["pack", "-w", "@waybill/sdk", "--ignore-scripts", "--json", "--pack-destination", project],
      { cwd: root, timeout: 120_000 },
    );
    return JSON.parse(stdout) as (typeof packed)[];
  });
  packed = pack ?? { filename: "", size: 0, unpackedSize: 0 };
  // @types/node at the repository's version (served from npm's cache), for the programs that use the Node entry.
  const typesNode = JSON.parse(await readFile(join(root, "node_modules/@types/node/package.json"), "utf8")) as {
    version: string;
  };
  await writeFile(join(project, "package.json"), JSON.stringify({ name: "partner-app", private: true }));
  await run(
    "npm",
    [
      "install",
      `./${packed.filename}`,
      `@types/node@${typesNode.version}`,
      "--prefer-offline",
      "--no-audit",
      "--no-fund",
    ],
    { cwd: project, env: partnerEnv, timeout: 180_000 },
  );
  waybill = await startTestWaybill();
  await stockedItem(await waybill.as("admin"), brandId, sku, 50);
}, 360_000);

afterAll(async () => {
  await waybill?.stop();
  if (project) await rm(project, { recursive: true, force: true });
});

describe("the packed @waybill/sdk, installed in a new project", () => {
  it("depends only on published packages, and is small", async () => {
    const manifest = JSON.parse(await readFile(join(project, "node_modules/@waybill/sdk/package.json"), "utf8")) as {
      version: string;
      dependencies: Record<string, string>;
    };
    expect(Object.keys(manifest.dependencies).sort()).toEqual([
      "@bufbuild/protobuf",
      "@connectrpc/connect",
      "@connectrpc/connect-node",
      "@connectrpc/connect-web",
      "@opentelemetry/api",
    ]);
    const { stdout } = await run("npm", ["ls", "--all", "--parseable"], { cwd: project, env: partnerEnv });
    expect(stdout).not.toMatch(/@waybill\/contracts|@bufbuild\/protovalidate|@bufbuild\/cel/);
    expect(packed.filename).toBe(`waybill-sdk-${manifest.version}.tgz`);
    // 1.0.0: 178 KB packed, 876 KB unpacked (ESM, CommonJS and the types of each, contracts included).
    expect(packed.unpackedSize).toBeLessThan(1_200_000);
    expect(packed.size).toBeLessThan(250_000);
  });

  for (const format of ["esm", "cjs"] as const) {
    it(`a ${format === "esm" ? "ES module" : "CommonJS"} program checks out as a partner`, async () => {
      const file = join(project, format === "esm" ? "checkout.mjs" : "checkout.cjs");
      await writeFile(file, checkoutProgram(format));
      const args = format === "cjs" ? ["--no-experimental-require-module", file] : [file];
      const { stdout } = await run(process.execPath, args, {
        cwd: project,
        timeout: 60_000,
        env: {
          ...partnerEnv,
          WAYBILL_URL: waybill.url,
          WAYBILL_TOKEN: await waybill.token("partner", brandId),
          BRAND_ID: brandId,
          SKU: sku,
          RUN_ID: randomUUID(),
        },
      });
      const result = JSON.parse(stdout) as Record<string, unknown>;
      expect(result).toMatchObject({
        format,
        resolvedFrom: expect.stringContaining(join(project, "node_modules/@waybill/sdk/dist/")),
        status: "PLACED",
        jsonStatus: "ORDER_STATUS_PLACED",
        verified: true,
        forgedVerified: false,
        userAgent: expect.stringMatching(/^waybill-sdk-js\/\d+\.\d+\.\d+$/),
      });
      // The order exists once, for the customer the partner created, as the server sees it.
      const admin = await waybill.as("admin");
      const { order } = await admin.orders.getOrder({ orderId: String(result.orderId) });
      expect(order?.customerId).toBe(result.customerId);
      expect(order?.status).toBe(OrderStatus.PLACED);
    });
  }

  it("runs the README's quick start as written, ESM and CommonJS, with an API key", async () => {
    const readme = await readFile(join(root, "sdk/README.md"), "utf8");
    const admin = await waybill.as("admin");
    const { secret } = await admin.apiKeys.issueApiKey({ brandId, name: "quick start" });
    const env = { ...partnerEnv, WAYBILL_URL: waybill.url, WAYBILL_API_KEY: secret, BRAND_ID: brandId, SKU: sku };
    for (const file of ["checkout.mjs", "checkout.cjs"]) {
      await writeFile(join(project, file), quickStart(readme, file));
    }
    const port = await freePort();
    const esm = await run(process.execPath, ["checkout.mjs"], {
      cwd: project,
      timeout: 60_000,
      env: { ...env, PORT: String(port) },
    });
    const [placed, delivered] = esm.stdout.trim().split("\n");
    const orderId = /^order (\S+): PLACED$/.exec(placed ?? "")?.[1];
    expect(orderId, esm.stdout).toBeDefined();
    expect(delivered).toBe(`webhook waybill.orders.v1.OrderPlaced for ${orderId}: signature verified`);
    // The program cleaned up after itself: no webhook left for the brand.
    expect((await admin.notifications.listWebhooks({ brandId })).webhooks).toEqual([]);

    const cjs = await run(process.execPath, ["--no-experimental-require-module", "checkout.cjs"], {
      cwd: project,
      timeout: 60_000,
      env,
    });
    const order = JSON.parse(cjs.stdout) as { orderId: string; status: string; brandId: string };
    expect(order).toMatchObject({ status: "ORDER_STATUS_PLACED", brandId });
    // Both orders exist, once each, as the server sees them.
    for (const id of [orderId, order.orderId]) {
      expect((await admin.orders.getOrder({ orderId: String(id) })).order?.status).toBe(OrderStatus.PLACED);
    }
  });

  for (const mode of ["commonjs", "node16", "nodenext", "bundler"] as const) {
    it(`typechecks with module ${mode}`, async () => {
      await writeTypeScriptProject(mode);
      const result = await run(process.execPath, [tsc, "-p", `tsconfig.${mode}.json`], {
        cwd: project,
        env: partnerEnv,
        timeout: 120_000,
      }).catch((error: { stdout?: string; stderr?: string }) => ({ stdout: error.stdout, stderr: error.stderr }));
      expect(`${result.stdout ?? ""}${result.stderr ?? ""}`).toBe("");
    }, 150_000);
  }
});

/** The program that follows `<!-- quick-start: <file> -->` in the SDK README. */
function quickStart(readme: string, file: string): string {
  const marker = `<!-- quick-start: ${file} -->\n\`\`\`js\n`;
  const start = readme.indexOf(marker);
  if (start < 0) throw new Error(`sdk/README.md has no quick start ${file}`);
  const code = readme.slice(start + marker.length);
  return code.slice(0, code.indexOf("\n```"));
}

/** A partner's checkout: a customer, an order (idempotency key left to the SDK), its status, a webhook signature. */
function checkoutProgram(format: "esm" | "cjs"): string {
  const imports =
    format === "esm"
      ? `import { createWaybillTransport, sdkUserAgent, signWebhookPayload, toJson, verifyWebhookSignature } from "@waybill/sdk/node";
import { createOrderClient, OrderSchema, OrderStatus } from "@waybill/sdk/orders";
const resolvedFrom = import.meta.resolve("@waybill/sdk/node");`
      : `const { createWaybillTransport, sdkUserAgent, signWebhookPayload, toJson, verifyWebhookSignature } = require("@waybill/sdk/node");
const { createOrderClient, OrderSchema, OrderStatus } = require("@waybill/sdk/orders");
const resolvedFrom = require.resolve("@waybill/sdk/node");`;
  return `${imports}
async function main() {
  const { WAYBILL_URL: baseUrl, WAYBILL_TOKEN: token, BRAND_ID: brandId, SKU: sku, RUN_ID: runId } = process.env;
  const orders = createOrderClient(createWaybillTransport({ baseUrl, token }));
  const { customer } = await orders.createCustomer({ name: "Grace Hopper", email: \`grace-\${runId}@example.com\` });
  const { order } = await orders.placeOrder({
    customerId: customer.customerId,
    brandId,
    lines: [{ sku, quantity: 2n }],
    deliveryZone: "berlin-mitte",
    deliveryAddress: { recipientName: "Grace Hopper", line1: "Invalidenstrasse 1", city: "Berlin", postalCode: "10115", countryCode: "DE" },
  });
  const { order: placed } = await orders.getOrder({ orderId: order.orderId });
  const body = JSON.stringify({ type: "order.placed", order: toJson(OrderSchema, placed) });
  const secret = "whsec_partner";
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = await signWebhookPayload({ secret, timestamp, body });
  console.log(JSON.stringify({
    format: typeof require === "function" ? "cjs" : "esm",
    resolvedFrom: resolvedFrom.replace(/^file:\\/\\//, ""),
    customerId: customer.customerId,
    orderId: placed.orderId,
    status: OrderStatus[placed.status],
    jsonStatus: JSON.parse(body).order.status,
    verified: await verifyWebhookSignature({ secret, timestamp, body, signature }),
    forgedVerified: await verifyWebhookSignature({ secret: "whsec_other", timestamp, body, signature }),
    userAgent: sdkUserAgent,
  }));
}
main().catch((error) => { console.error(error); process.exitCode = 1; });
`;
}

const typedProgram = `import { create, createWaybillTransport, timestampDate, timestampNow, toJson, violationsOf, type WaybillOptions } from "@waybill/sdk";
import { createInventoryClient, type Item } from "@waybill/sdk/inventory";
import { createWaybill, type NodeWaybillOptions } from "@waybill/sdk/node";
import { createOrderClient, type Order, OrderSchema, OrderStatus } from "@waybill/sdk/orders";

export async function checkout(options: WaybillOptions): Promise<string> {
  const orders = createOrderClient(createWaybillTransport(options));
  const { order } = await orders.getOrder({ orderId: "00000000-0000-4000-8000-000000000000" });
  const status: OrderStatus = order?.status ?? OrderStatus.UNSPECIFIED;
  const copy: Order = create(OrderSchema, { orderId: order?.orderId ?? "", status, createTime: timestampNow() });
  const items: Item[] = (await createInventoryClient(createWaybillTransport(options)).listItems({})).items;
  const node: NodeWaybillOptions = { ...options, protocol: "grpc" };
  const { couriers } = await createWaybill(node).fleet.listCouriers({});
  // @ts-expect-error: enums are numbers, not their names (proves the types are real, not any)
  const wrong: OrderStatus = "PLACED";
  const created = copy.createTime ? timestampDate(copy.createTime).toISOString() : "";
  return JSON.stringify([toJson(OrderSchema, copy), items.length, couriers.length, wrong, created, violationsOf(null)]);
}
`;

/** tsconfig.<mode>.json with the program as CommonJS (.ts, the project has no "type") and, for Node's modes, as ESM (.mts). */
async function writeTypeScriptProject(mode: "commonjs" | "node16" | "nodenext" | "bundler"): Promise<void> {
  const settings = {
    commonjs: { module: "commonjs", moduleResolution: "node10" },
    node16: { module: "node16", moduleResolution: "node16" },
    nodenext: { module: "nodenext", moduleResolution: "nodenext" },
    bundler: { module: "esnext", moduleResolution: "bundler" },
  }[mode];
  await writeFile(join(project, "program.ts"), typedProgram);
  await writeFile(join(project, "program.mts"), typedProgram);
  const files = mode === "node16" || mode === "nodenext" ? ["program.ts", "program.mts"] : ["program.ts"];
  const compilerOptions = { ...settings, target: "es2022", lib: ["es2022", "dom"], types: ["node"], strict: true };
  await writeFile(
    join(project, `tsconfig.${mode}.json`),
    JSON.stringify({ compilerOptions: { ...compilerOptions, noEmit: true, skipLibCheck: false }, files }),
  );
}
