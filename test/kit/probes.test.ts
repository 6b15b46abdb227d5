import { once } from "node:events";
import { request } from "node:http";
import { connect } from "node:net";
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { Health, HealthCheckResponse_ServingStatus as Status } from "@waybill/contracts/grpc/health/v1/health_pb.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createIsolatedEnvironment,
  type IsolatedEnvironment,
  type PrivateNats,
  spawnWaybill,
  startPrivateNats,
  type WaybillProcess,
  waitFor,
  waitUntil,
} from "../support/index.js";

// The HTTP probes of a Waybill process as deployed: /healthz while the process runs, /readyz only
// while it serves with PostgreSQL and NATS answering; neither needs a token.
const secret = "probes-test-secret-of-at-least-32-chars";

/** One probe answer. */
interface ProbeAnswer {
  readonly status: number;
  readonly body: string;
  readonly json: { readonly status?: string; readonly checks?: Record<string, string> };
}

/** Sends `method path` (no token) and reads the whole answer. */
function probe(base: string, path: string, method = "GET"): Promise<ProbeAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, base), { method }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        body += chunk;
      });
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          body,
          json: body ? (JSON.parse(body) as ProbeAnswer["json"]) : {},
        }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

describe("HTTP probes on a serving process", () => {
  let env: IsolatedEnvironment;
  let waybill: WaybillProcess;

  beforeAll(async () => {
    env = await createIsolatedEnvironment();
    // A long grace, so shutdown lasts while a request is held in flight below.
    waybill = await spawnWaybill(env, { SERVICES: "inventory", AUTH_SECRET: secret, SHUTDOWN_GRACE_MS: "30000" });
  }, 60_000);
  afterAll(async () => {
    await waybill?.kill("SIGKILL");
    await env?.cleanup();
  });

  it("answers /healthz and /readyz without a token, GET and HEAD only", async () => {
    const live = await probe(waybill.url, "/healthz");
    expect(live.status).toBe(200);
    expect(live.json).toEqual({ status: "live" });

    const ready = await probe(waybill.url, "/readyz");
    expect(ready.status).toBe(200);
    expect(ready.json).toEqual({ status: "ready", checks: { database: "ok", nats: "ok" } });

    const head = await probe(waybill.url, "/readyz?verbose", "HEAD");
    expect([head.status, head.body]).toEqual([200, ""]);

    const post = await probe(waybill.url, "/readyz", "POST");
    expect(post.status).toBe(405);
  });

  it("turns /readyz 503 once shutdown begins (asked by a probe in flight then)", async () => {
    // The listener stops accepting connections when shutdown begins, so the probe is sent
    // before: its headers now, with a declared one-byte body it sends once shutdown has begun.
    // Until then it is in flight and holds the shutdown (SHUTDOWN_GRACE_MS is long).
    const socket = connect(Number(new URL(waybill.url).port), "127.0.0.1");
    await once(socket, "connect");
    let answer = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      answer += chunk;
    });
    const closed = once(socket, "close");
    socket.write("GET /readyz HTTP/1.1\r\nHost: waybill\r\nContent-Length: 1\r\n\r\n");

    const health = createClient(Health, createGrpcTransport({ baseUrl: waybill.url }));
    const statuses: Status[] = [];
    const watching = (async () => {
      for await (const response of health.watch({ service: "" })) statuses.push(response.status);
    })().catch(() => undefined);
    await waitUntil(
      async () => statuses,
      (seen) => seen.includes(Status.SERVING),
      "health SERVING",
    );

    waybill.signal("SIGTERM");
    await waitUntil(
      async () => statuses,
      (seen) => seen.includes(Status.NOT_SERVING),
      "health NOT_SERVING",
    );
    expect(waybill.running()).toBe(true);
    socket.end("x");
    await closed;
    await watching;

    const [head = "", body = ""] = answer.split("\r\n\r\n");
    expect(head.split("\r\n")[0]).toBe("HTTP/1.1 503 Service Unavailable");
    expect(JSON.parse(body)).toEqual({ status: "not ready", checks: { process: "stopping" } });
    expect((await waybill.exit).code).toBe(0);
  });
});

describe("HTTP probes with SHUTDOWN_READINESS_DELAY_MS", () => {
  it("answers new probes 503 after SIGTERM while the port still serves, then exits", async () => {
    const env = await createIsolatedEnvironment();
    const waybill = await spawnWaybill(env, {
      SERVICES: "inventory",
      AUTH_SECRET: secret,
      SHUTDOWN_READINESS_DELAY_MS: "8000",
    });
    try {
      expect((await probe(waybill.url, "/readyz")).status).toBe(200);
      waybill.signal("SIGTERM");
      // A load balancer's next probe, on a new connection, hears "not ready" instead of a refusal.
      const notReady = await waitUntil(
        () => probe(waybill.url, "/readyz"),
        (answer) => answer.status === 503,
        "/readyz 503 after SIGTERM",
      );
      expect(notReady.json).toEqual({ status: "not ready", checks: { process: "stopping" } });
      expect((await probe(waybill.url, "/healthz")).status).toBe(200);
      expect((await waybill.exit).code).toBe(0);
    } finally {
      await waybill.kill("SIGKILL");
      await env.cleanup();
    }
  }, 60_000);
});

describe("HTTP probes when NATS goes away", () => {
  let nats: PrivateNats;
  let env: IsolatedEnvironment;
  let waybill: WaybillProcess;

  beforeAll(async () => {
    nats = await startPrivateNats();
    env = await createIsolatedEnvironment({ ...process.env, NATS_URL: nats.url });
    waybill = await spawnWaybill(env, { SERVICES: "inventory", AUTH_SECRET: secret });
  }, 60_000);
  afterAll(async () => {
    await waybill?.kill("SIGKILL");
    await env?.cleanup();
    await nats?.remove();
  });

  it("turns /readyz 503 naming NATS while it is unreachable, and 200 once it is back", async () => {
    expect((await probe(waybill.url, "/readyz")).status).toBe(200);
    await nats.kill("SIGKILL");
    const down = await waitFor(
      () => probe(waybill.url, "/readyz"),
      (answer) => answer.status === 503,
    );
    expect(down.status).toBe(503);
    expect(down.json.status).toBe("not ready");
    expect(down.json.checks?.database).toBe("ok");
    expect(down.json.checks?.nats).toMatch(/^(unavailable|timeout)$/);
    // Alive all the same: a liveness probe must not restart a process waiting for NATS.
    expect((await probe(waybill.url, "/healthz")).status).toBe(200);

    await nats.start();
    const back = await waitFor(
      () => probe(waybill.url, "/readyz"),
      (answer) => answer.status === 200,
      30_000,
    );
    expect(back.json).toEqual({ status: "ready", checks: { database: "ok", nats: "ok" } });
  }, 60_000);
});
