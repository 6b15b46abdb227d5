import { execFile } from "node:child_process";
import { createServer, type Http2Session } from "node:http2";
import type { AddressInfo } from "node:net";
import { promisify } from "node:util";
import { fromBinary, type MessageInitShape } from "@bufbuild/protobuf";
import { FileDescriptorProtoSchema } from "@bufbuild/protobuf/wkt";
import { Code, createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { Health, HealthCheckResponse_ServingStatus } from "@waybill/contracts/grpc/health/v1/health_pb.js";
import {
  ServerReflection,
  type ServerReflectionRequestSchema,
} from "@waybill/contracts/grpc/reflection/v1alpha/reflection_pb.js";
import { access } from "@waybill/contracts/waybill/common/v1/auth_pb.js";
import { createWaybill } from "@waybill/sdk/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRoutes } from "../../services/kit/app/create-routes.js";
import { createTokenIssuer } from "../../services/kit/auth/index.js";
import { createHealthRegistry } from "../../services/kit/server/index.js";
import {
  createIsolatedEnvironment,
  errorOf,
  type IsolatedEnvironment,
  spawnWaybill,
  stockedItem,
  type WaybillProcess,
} from "../support/index.js";

// gRPC server reflection: stock tools list and call Waybill's methods without the schema image,
// through v1 (buf curl) and v1alpha (older tools), with no token needed to ask.
const run = promisify(execFile);
const secret = "reflection-test-secret-of-32-chars!";
let env: IsolatedEnvironment;
let waybill: WaybillProcess;

beforeAll(async () => {
  env = await createIsolatedEnvironment();
  waybill = await spawnWaybill(env, { SERVICES: "inventory", AUTH_SECRET: secret });
  const admin = createWaybill({
    baseUrl: waybill.url,
    token: await createTokenIssuer(secret).sign({ subject: "ops", role: "admin" }),
  });
  await stockedItem(admin, "acme", "REFLECT-1", 3);
}, 60_000);
afterAll(async () => {
  await waybill?.kill("SIGTERM");
  await env?.cleanup();
});

/** Runs `buf curl --reflect` over gRPC (HTTP/2 without TLS) with `args`. */
async function bufCurl(...args: string[]): Promise<string> {
  const { stdout } = await run("npx", [
    "buf",
    "curl",
    "--reflect",
    "--protocol",
    "grpc",
    "--http2-prior-knowledge",
    ...args,
  ]);
  return stdout;
}

/** Sends `requests` on one v1alpha reflection stream and collects the answers. */
async function askV1alpha(requests: MessageInitShape<typeof ServerReflectionRequestSchema>[]) {
  const client = createClient(ServerReflection, createGrpcTransport({ baseUrl: waybill.url }));
  async function* send(): AsyncGenerator<MessageInitShape<typeof ServerReflectionRequestSchema>> {
    yield* requests;
  }
  const answers = [];
  for await (const answer of client.serverReflectionInfo(send())) answers.push(answer);
  return answers;
}

describe("server reflection", () => {
  it.each(["grpc-v1", "grpc-v1alpha"])(
    "lets buf curl list the methods over %s without a schema or a token",
    async (version) => {
      const methods = (await bufCurl("--reflect-protocol", version, "--list-methods", waybill.url)).trim().split("\n");
      expect(methods).toContain("waybill.inventory.v1.InventoryService/GetItem");
      expect(methods).toContain("waybill.inventory.v1.InventoryService/WatchStock");
      expect(methods).toContain("grpc.health.v1.Health/Check");
      expect(methods).toContain("grpc.reflection.v1.ServerReflection/ServerReflectionInfo");
      // Only what this process serves.
      expect(methods.some((method) => method.startsWith("waybill.orders."))).toBe(false);
    },
  );

  it("lets buf curl call GetItem from the reflected schema, with the caller's token", async () => {
    const token = await createTokenIssuer(secret).sign({ subject: "acme", role: "brand", brandId: "acme" });
    const stdout = await bufCurl(
      "-H",
      `Authorization: Bearer ${token}`,
      "-d",
      JSON.stringify({ brandId: "acme", sku: "REFLECT-1" }),
      `${waybill.url}/waybill.inventory.v1.InventoryService/GetItem`,
    );
    expect(JSON.parse(stdout)).toMatchObject({ item: { brandId: "acme", sku: "REFLECT-1" } });
  });

  it("answers v1alpha too: services, files with their imports, extensions, and NOT_FOUND in-stream", async () => {
    const answers = await askV1alpha([
      { messageRequest: { case: "listServices", value: "" } },
      { messageRequest: { case: "fileContainingSymbol", value: "waybill.inventory.v1.InventoryService.GetItem" } },
      { messageRequest: { case: "fileByFilename", value: "grpc/health/v1/health.proto" } },
      {
        messageRequest: {
          case: "fileContainingExtension",
          value: { containingType: "google.protobuf.MethodOptions", extensionNumber: access.number },
        },
      },
      { messageRequest: { case: "allExtensionNumbersOfType", value: "google.protobuf.MethodOptions" } },
      { messageRequest: { case: "fileContainingSymbol", value: "no.such.Thing" } },
      { messageRequest: { case: "fileByFilename", value: "no/such.proto" } },
    ]);
    expect(answers).toHaveLength(7);
    const [services, symbol, health, extension, numbers, unknownSymbol, unknownFile] = answers;
    expect(services?.messageResponse.case).toBe("listServicesResponse");
    const names =
      services?.messageResponse.case === "listServicesResponse" ? services.messageResponse.value.service : [];
    expect(names.map((service) => service.name)).toEqual([
      "grpc.health.v1.Health",
      "grpc.reflection.v1.ServerReflection",
      "grpc.reflection.v1alpha.ServerReflection",
      "waybill.inventory.v1.InventoryService",
      // Served by every process, whatever services it runs (services/kit/operations).
      "waybill.operations.v1.OperationsService",
    ]);
    const fileNames = (answer: (typeof answers)[number] | undefined) =>
      answer?.messageResponse.case === "fileDescriptorResponse"
        ? answer.messageResponse.value.fileDescriptorProto.map(
            (bytes) => fromBinary(FileDescriptorProtoSchema, bytes).name,
          )
        : [];
    // The file first, then everything it imports, so that a client needs no second question.
    expect(fileNames(symbol)[0]).toBe("waybill/inventory/v1/inventory.proto");
    expect(fileNames(symbol)).toContain("waybill/common/v1/auth.proto");
    expect(fileNames(symbol)).toContain("google/protobuf/descriptor.proto");
    expect(fileNames(health)).toEqual(["grpc/health/v1/health.proto"]);
    expect(fileNames(extension)[0]).toBe("waybill/common/v1/auth.proto");
    expect(
      numbers?.messageResponse.case === "allExtensionNumbersResponse" && numbers.messageResponse.value.extensionNumber,
    ).toContain(access.number);
    for (const missing of [unknownSymbol, unknownFile]) {
      expect(missing?.messageResponse).toMatchObject({ case: "errorResponse", value: { errorCode: 5 } });
    }
    expect(unknownFile?.originalRequest?.messageRequest).toEqual({ case: "fileByFilename", value: "no/such.proto" });
  });
});

describe("with reflection turned off", () => {
  it("is an unknown service: no longer public, UNIMPLEMENTED with a token; health still works", async () => {
    const handler = createRoutes({
      services: [],
      health: createHealthRegistry([]),
      interceptors: [],
      tokens: createTokenIssuer(secret),
      requestMaxBytes: 1_048_576,
      reflection: false,
    });
    const server = createServer(handler);
    const sessions = new Set<Http2Session>();
    server.on("session", (session) => sessions.add(session));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const transport = createGrpcTransport({ baseUrl: `http://127.0.0.1:${port}` });
    try {
      const reflection = createClient(ServerReflection, transport);
      const asked = async (headers: Record<string, string>) => {
        const requests = async function* () {
          yield { messageRequest: { case: "listServices" as const, value: "" } };
        };
        for await (const _ of reflection.serverReflectionInfo(requests(), { headers }));
      };
      expect(await errorOf(asked({}))).toMatchObject({ code: Code.Unauthenticated });
      const token = await createTokenIssuer(secret).sign({ subject: "ops", role: "admin" });
      expect(await errorOf(asked({ authorization: `Bearer ${token}` }))).toMatchObject({ code: Code.Unimplemented });
      const health = await createClient(Health, transport).check({});
      expect(health.status).toBe(HealthCheckResponse_ServingStatus.SERVING);
    } finally {
      for (const session of sessions) session.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
