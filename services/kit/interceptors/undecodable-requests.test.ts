import { once } from "node:events";
import { createServer } from "node:http";
import { connect, createServer as createHttp2Server } from "node:http2";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { create } from "@bufbuild/protobuf";
import { Code, type ConnectRouter } from "@connectrpc/connect";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import {
  Health,
  HealthCheckResponse_ServingStatus,
  HealthCheckResponseSchema,
} from "@waybill/contracts/grpc/health/v1/health_pb.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerUndecodableRequests } from "./undecodable-requests.js";

// Field 1 (a string) announcing 5 bytes, followed by one: connect-es says "parse binary: premature EOF".
const truncated = new Uint8Array([0x0a, 0x05, 0x61]);
const frame = (flag: number, bytes: Uint8Array) => new Uint8Array([flag, 0, 0, 0, bytes.length, ...bytes]);
const checkPath = "/grpc.health.v1.Health/Check";

const handler = connectNodeAdapter({
  routes(router: ConnectRouter) {
    router.service(Health, {
      check: () => create(HealthCheckResponseSchema, { status: HealthCheckResponse_ServingStatus.SERVING }),
      async *watch() {
        yield create(HealthCheckResponseSchema, { status: HealthCheckResponse_ServingStatus.SERVING });
      },
    });
    router.handlers.forEach((h, i) => {
      router.handlers[i] = answerUndecodableRequests(h);
    });
  },
});
const http1 = createServer(handler);
const http2 = createHttp2Server(handler);
let url1 = "";
let url2 = "";

beforeAll(async () => {
  http1.listen(0, "127.0.0.1");
  http2.listen(0, "127.0.0.1");
  await Promise.all([once(http1, "listening"), once(http2, "listening")]);
  url1 = `http://127.0.0.1:${(http1.address() as AddressInfo).port}`;
  url2 = `http://127.0.0.1:${(http2.address() as AddressInfo).port}`;
});

afterAll(() => {
  http1.close();
  http2.close();
});

describe("answerUndecodableRequests", () => {
  it("answers a Connect unary body that does not decode with invalid_argument naming the message", async () => {
    const response = await fetch(`${url1}${checkPath}`, {
      method: "POST",
      headers: { "content-type": "application/proto" },
      body: truncated,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      code: "invalid_argument",
      message: "the request body is not a valid grpc.health.v1.HealthCheckRequest - premature EOF",
    });
  });

  it("answers a gzip body that ends early with invalid_argument", async () => {
    const gzipped = gzipSync(Buffer.from(truncated));
    const response = await fetch(`${url1}${checkPath}`, {
      method: "POST",
      headers: { "content-type": "application/proto", "content-encoding": "gzip" },
      body: gzipped.subarray(0, gzipped.length - 6),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      code: "invalid_argument",
      message: "the request body is not a valid grpc.health.v1.HealthCheckRequest - decompression failed",
    });
  });

  it("leaves a body that decodes alone", async () => {
    const response = await fetch(`${url1}${checkPath}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(await response.json()).toEqual({ status: "SERVING" });
  });

  it("rewrites the gRPC-Web trailer frame and the Connect end of stream", async () => {
    const web = await fetch(`${url1}${checkPath}`, {
      method: "POST",
      headers: { "content-type": "application/grpc-web+proto" },
      body: frame(0, truncated),
    });
    expect(Buffer.from(await web.arrayBuffer()).toString("latin1")).toMatch(/grpc-status: 3\r\n/);
    const stream = await fetch(`${url1}/grpc.health.v1.Health/Watch`, {
      method: "POST",
      headers: { "content-type": "application/connect+proto" },
      body: frame(0, truncated),
    });
    expect(Buffer.from(await stream.arrayBuffer()).toString("latin1")).toMatch(/"code":"invalid_argument"/);
  });

  it("rewrites the gRPC trailer", async () => {
    const session = connect(url2);
    try {
      const request = session.request({
        ":method": "POST",
        ":path": checkPath,
        "content-type": "application/grpc",
        te: "trailers",
      });
      request.end(frame(0, truncated));
      request.resume();
      const [trailers] = (await once(request, "trailers")) as [Record<string, string>];
      expect(trailers["grpc-status"]).toBe(String(Code.InvalidArgument));
      expect(decodeURIComponent(trailers["grpc-message"] ?? "")).toMatch(
        /not a valid grpc\.health\.v1\.HealthCheckRequest/,
      );
    } finally {
      session.close();
    }
  });
});
