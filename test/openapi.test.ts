import { mkdirSync, readFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { createFileRegistry, type DescMessage, type DescService, fromBinary, ScalarType } from "@bufbuild/protobuf";
import { FileDescriptorSetSchema } from "@bufbuild/protobuf/wkt";
import { Validator } from "@seriousme/openapi-schema-validator";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApiPath, renderOpenApi } from "../scripts/generate-openapi.js";
import {
  connectCodeStatus,
  fieldSchema,
  mapKeySchema,
  messageSchema,
  type SchemaRefs,
  scalarSchema,
  wellKnownSchema,
} from "../scripts/openapi/index.js";
import { withDocs } from "../services/kit/app/docs-routes.js";
import { launchChromium } from "./support/chromium.js";
import { exampleFor, type OpenApiDocument, type Schema, schemaMismatches } from "./support/openapi-examples.js";
import { startTestWaybill, type TestWaybill } from "./support/test-waybill.js";

const root = new URL("..", import.meta.url).pathname;
const imagePath = join(root, "gen", "waybill.binpb");
const committed = readFileSync(openApiPath, "utf8");
/** The JSON body of a request or response in the document. */
type JsonContent = { content: { "application/json": { schema: Schema } } };
const document = JSON.parse(committed) as OpenApiDocument & {
  paths: Record<string, { post: { operationId: string; requestBody: JsonContent; responses: { "200": JsonContent } } }>;
  "x-connect-streaming-rpcs": { path: string }[];
};
const registry = createFileRegistry(fromBinary(FileDescriptorSetSchema, readFileSync(imagePath)));
const services = [...registry].filter(
  (type): type is DescService => type.kind === "service" && type.typeName.startsWith("waybill."),
);
const refs: SchemaRefs = { ref: (desc) => ({ $ref: `#/components/schemas/${desc.typeName}` }) };
const message = (name: string) => registry.getMessage(name) as DescMessage;

describe("the committed OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const validator = new Validator();
    const result = await validator.validate(JSON.parse(committed));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("is what the generator makes of gen/waybill.binpb, every time", () => {
    expect(renderOpenApi(imagePath)).toBe(committed);
    expect(renderOpenApi(imagePath)).toBe(committed);
  });

  it("names every unary RPC of every waybill service in the image, and lists the streams", () => {
    const unary = services.flatMap((s) => s.methods.filter((m) => m.methodKind === "unary"));
    const streaming = services.flatMap((s) => s.methods.filter((m) => m.methodKind !== "unary"));
    expect(services.length).toBeGreaterThanOrEqual(5);
    expect(Object.keys(document.paths).sort()).toEqual(unary.map((m) => `/${m.parent.typeName}/${m.name}`).sort());
    for (const method of unary) {
      const operation = document.paths[`/${method.parent.typeName}/${method.name}`]?.post;
      expect(operation?.operationId).toBe(`${method.parent.name}_${method.name}`);
      expect(operation?.requestBody.content["application/json"].schema.$ref).toContain(method.input.typeName);
    }
    expect(document["x-connect-streaming-rpcs"].map((rpc) => rpc.path).sort()).toEqual(
      streaming.map((m) => `/${m.parent.typeName}/${m.name}`).sort(),
    );
  });

  it("gives enums by name", () => {
    const reason = document.components.schemas["waybill.inventory.v1.LedgerReason"];
    expect(reason?.type).toBe("string");
    expect(reason?.enum).toEqual(registry.getEnum("waybill.inventory.v1.LedgerReason")?.values.map((v) => v.name));
    for (const [name, schema] of Object.entries(document.components.schemas)) {
      const desc = registry.getEnum(name);
      if (desc) expect(schema.enum, name).toEqual(desc.values.map((v) => v.name));
    }
  });
});

describe("type mapping", () => {
  it("maps scalars as the protobuf JSON mapping writes them", () => {
    expect(scalarSchema(ScalarType.INT64)).toMatchObject({ type: "string", format: "int64" });
    expect(scalarSchema(ScalarType.UINT64)).toMatchObject({ type: "string", format: "uint64" });
    expect(scalarSchema(ScalarType.INT32)).toEqual({ type: "integer", format: "int32" });
    expect(scalarSchema(ScalarType.DOUBLE)).toEqual({ type: "number", format: "double" });
    expect(scalarSchema(ScalarType.BYTES)).toMatchObject({ type: "string", contentEncoding: "base64" });
    expect(scalarSchema(ScalarType.BOOL)).toEqual({ type: "boolean" });
    expect(mapKeySchema(ScalarType.STRING)).toBeUndefined();
    expect(mapKeySchema(ScalarType.INT64)).toEqual({ pattern: "^-?[0-9]+$" });
  });

  it("writes well-known types in their JSON form", () => {
    expect(wellKnownSchema(message("google.protobuf.Timestamp"))).toMatchObject({
      type: "string",
      format: "date-time",
    });
    const duration = wellKnownSchema(message("google.protobuf.Duration"));
    expect(new RegExp(String(duration?.pattern)).test("1.5s")).toBe(true);
    expect(wellKnownSchema(message("google.protobuf.FieldMask"))).toMatchObject({ type: "string" });
    expect(wellKnownSchema(message("waybill.common.v1.Money"))).toBeUndefined();
  });

  it("maps fields, rules and requiredness of real messages", () => {
    const create = messageSchema(message("waybill.inventory.v1.CreateItemRequest"), refs);
    expect(create.required).toEqual(["brandId", "sku", "name", "unitPrice", "idempotencyKey"]);
    expect(create.properties).toMatchObject({
      name: { type: "string", minLength: 1, maxLength: 200 },
      unitPrice: { $ref: "#/components/schemas/waybill.common.v1.Money" },
      lowStockThreshold: { type: "string", format: "int64" },
    });
    const list = messageSchema(message("waybill.orders.v1.ListOrdersRequest"), refs);
    expect(list.required ?? []).toEqual([]);
    expect((list.properties as Record<string, Schema>).statuses).toMatchObject({
      type: "array",
      maxItems: 8,
      uniqueItems: true,
      items: {
        $ref: "#/components/schemas/waybill.orders.v1.OrderStatus",
        not: { enum: ["ORDER_STATUS_UNSPECIFIED"] },
      },
    });
    const status = message("waybill.orders.v1.UpdateOrderStatusRequest").fields.find((f) => f.name === "status");
    expect(fieldSchema(status!, refs)).toMatchObject({
      enum: ["ORDER_STATUS_PREPARING", "ORDER_STATUS_READY_FOR_DISPATCH"],
    });
    // A oneof (buf.validate.FieldRules.type, in the image through the imports): at most one member.
    const oneof = messageSchema(message("buf.validate.FieldRules"), refs);
    expect(oneof.description).toContain("At most one of `float`, `double`");
    expect((oneof.allOf as Schema[])[0]?.not).toMatchObject({
      anyOf: expect.arrayContaining([{ required: ["int64", "string"] }]),
    });
    const envelope = messageSchema(message("waybill.common.v1.EventEnvelope"), refs);
    expect((envelope.properties as Record<string, Schema>).traceContext).toMatchObject({
      type: "object",
      additionalProperties: { type: "string" },
    });
  });
});

describe("the document against a real Waybill", () => {
  let waybill: TestWaybill;
  let browser: Browser | undefined;
  beforeAll(async () => {
    waybill = await startTestWaybill();
  });
  afterAll(async () => {
    await browser?.close();
    await waybill?.stop();
  });

  const operation = (path: string) => {
    const post = document.paths[path]?.post;
    if (!post) throw new Error(`no operation ${path}`);
    return post;
  };
  const call = async (path: string, body: unknown, token?: string) =>
    fetch(`${waybill.url}${path}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "connect-protocol-version": "1",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });

  it("accepts a CreateItem built from the schema and answers per the response schema", async () => {
    const path = "/waybill.inventory.v1.InventoryService/CreateItem";
    const post = operation(path);
    const body = exampleFor(post.requestBody.content["application/json"].schema, document) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(["brandId", "idempotencyKey", "name", "sku", "unitPrice"]);
    const response = await call(path, body, await waybill.token("admin"));
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { item: { sku: string; createTime: string } };
    expect(schemaMismatches(answer, post.responses["200"].content["application/json"].schema, document)).toEqual([]);
    expect(answer.item.sku).toBe(body.sku);
    expect(answer.item.createTime).toMatch(/Z$/);
  });

  it("ignores unknown fields and accepts proto names, as the document says", async () => {
    const path = "/waybill.inventory.v1.InventoryService/CreateItem";
    const body = exampleFor(operation(path).requestBody.content["application/json"].schema, document) as Record<
      string,
      unknown
    >;
    const token = await waybill.token("admin");
    const unknown = await call(path, { ...body, sku: "c3", idempotencyKey: "c3", colour: "red" }, token);
    expect(unknown.status).toBe(200);
    expect(((await unknown.json()) as { item: { sku: string } }).item.sku).toBe("c3");
    const { idempotencyKey: _, ...rest } = body;
    const snake = await call(path, { ...rest, sku: "b2", idempotency_key: "b2" }, token);
    expect(snake.status).toBe(200);
    expect(((await snake.json()) as { item: { sku: string } }).item.sku).toBe("b2");
  });

  it("answers errors per the error schema, with the status of their code", async () => {
    const errorSchema = document.components.schemas["connect.Error"] as Schema;
    const path = "/waybill.inventory.v1.InventoryService/CreateItem";
    for (const [token, code] of [
      [await waybill.token("admin"), "invalid_argument"],
      [undefined, "unauthenticated"],
      [await waybill.token("customer"), "permission_denied"],
    ] as const) {
      const response = await call(path, {}, token);
      const body = (await response.json()) as { code: string };
      expect(body.code).toBe(code);
      expect(response.status).toBe(connectCodeStatus[code]);
      expect(schemaMismatches(body, errorSchema, document)).toEqual([]);
    }
  });

  it("serves the committed document and the page's assets at /docs, without a token", async () => {
    const json = await fetch(`${waybill.url}/docs/openapi.json`);
    expect(json.status).toBe(200);
    expect(json.headers.get("content-type")).toBe("application/json");
    expect(await json.text()).toBe(committed);
    const again = await fetch(`${waybill.url}/docs/openapi.json`, {
      headers: { "if-none-match": String(json.headers.get("etag")) },
    });
    expect(again.status).toBe(304);
    const page = await fetch(`${waybill.url}/docs`);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    const head = await fetch(`${waybill.url}/docs/assets/swagger-ui-bundle.js`, { method: "HEAD" });
    expect([head.status, head.headers.get("content-type")]).toEqual([200, "text/javascript; charset=utf-8"]);
    expect(await head.text()).toBe("");
    expect((await fetch(`${waybill.url}/docs/assets/index.html`)).status).toBe(404);
    expect((await fetch(`${waybill.url}/docs/openapi.json`, { method: "POST" })).status).toBe(405);
  });

  it("never serves a file outside its list", async () => {
    for (const path of ["/docs/assets/../../package.json", "/docs/assets/..%2f..%2fpackage.json", "/docs/assets/"]) {
      expect(await rawStatus(`${waybill.url}${path}`)).toBe(404);
    }
  });

  it("leaves /docs to the API when API_DOCS_ENABLED is false", () => {
    const handler = () => undefined;
    expect(withDocs(handler, { enabled: false })).toBe(handler);
  });

  it("renders the API reference in Chromium", async () => {
    browser = await launchChromium();
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on("console", (entry) => entry.type() === "error" && problems.push(entry.text()));
    page.on("pageerror", (error) => problems.push(error.message));
    await page.goto(`${waybill.url}/docs`);
    await page.getByText("/waybill.inventory.v1.InventoryService/CreateItem").first().waitFor({ timeout: 60_000 });
    expect(await page.locator(".opblock").count()).toBe(Object.keys(document.paths).length);
    mkdirSync(join(root, ".build", "screenshots"), { recursive: true });
    await page.screenshot({ path: join(root, ".build", "screenshots", "docs.png"), fullPage: false });
    expect(problems).toEqual([]);

    // "Try it out" against the same origin, with a token given through the Authorize dialog; the
    // body is swagger-ui's own example, made from the schema alone.
    await page.getByRole("button", { name: "Authorize" }).first().click();
    await page.locator("#auth-bearer-value").fill(await waybill.token("admin"));
    await page.locator(".modal-ux button.authorize").click();
    await page.locator(".modal-ux button.btn-done").click();
    const block = page.locator("#operations-InventoryService-InventoryService_CreateItem");
    await block.locator(".opblock-summary-control").click();
    await block.getByRole("button", { name: "Try it out" }).click();
    await block.getByRole("button", { name: "Execute" }).click();
    const status = block.locator(".live-responses-table tbody .response-col_status").first();
    await status.waitFor();
    expect(await block.locator(".request-url pre").textContent()).toBe(
      `${waybill.url}/waybill.inventory.v1.InventoryService/CreateItem`,
    );
    expect(await status.textContent()).toBe("200");
    // Chromium's start, swagger-ui's first render and a real call: minutes on a loaded 2-core machine.
  }, 120_000);
});

/** The status of a GET sent with the path exactly as written (fetch would normalise the dots). */
function rawStatus(url: string): Promise<number> {
  const { host, port } = new URL(url);
  const path = url.slice(url.indexOf("/", "http://".length));
  return new Promise((resolve, reject) => {
    const req = request({ host: host.split(":")[0], port, path, method: "GET" }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end();
  });
}
