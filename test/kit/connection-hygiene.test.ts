import { constants, connect as http2Connect } from "node:http2";
import { connect as netConnect, type Socket } from "node:net";
import { createClient } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport } from "@connectrpc/connect-node";
import { Health, HealthCheckResponse_ServingStatus as Status } from "@waybill/contracts/grpc/health/v1/health_pb.js";
import { createWaybill } from "@waybill/sdk/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTokenIssuer } from "../../services/kit/auth/index.js";
import {
  changeStock,
  createIsolatedEnvironment,
  type IsolatedEnvironment,
  spawnWaybill,
  stockedItem,
  type WaybillProcess,
  waitFor,
} from "../support/index.js";

// Connection hygiene on the one port: every way of holding a connection without finishing a
// request is cut off by its timeout, while normal calls and long server streams keep working.
const secret = "connection-hygiene-secret-of-32-chars";
const timeouts = {
  CONNECTION_FIRST_BYTES_TIMEOUT_MS: 400,
  HTTP_HEADERS_TIMEOUT_MS: 600,
  HTTP_REQUEST_TIMEOUT_MS: 900,
  HTTP_KEEP_ALIVE_TIMEOUT_MS: 500,
  HTTP2_SETTINGS_TIMEOUT_MS: 400,
  HTTP2_IDLE_TIMEOUT_MS: 700,
  HTTP2_MAX_CONCURRENT_STREAMS: 7,
};
// Long enough for a timeout and Node's check period, far below what a lingering socket lasts.
const bound = 4_000;

let env: IsolatedEnvironment;
let waybill: WaybillProcess;
let port: number;

beforeAll(async () => {
  env = await createIsolatedEnvironment();
  const settings = Object.fromEntries(Object.entries(timeouts).map(([k, v]) => [k, String(v)]));
  waybill = await spawnWaybill(env, { SERVICES: "inventory", AUTH_SECRET: secret, ...settings });
  port = Number(new URL(waybill.url).port);
}, 60_000);
afterAll(async () => {
  await waybill?.kill("SIGTERM");
  await env?.cleanup();
});

/** Opens a raw TCP connection to the port. */
async function open(): Promise<Socket> {
  const socket = netConnect(port, "127.0.0.1");
  socket.on("data", () => undefined);
  socket.on("error", () => undefined);
  await new Promise((resolve) => socket.once("connect", resolve));
  return socket;
}

/** Milliseconds until the server closes `socket`, failing after {@link bound}. */
function closedWithin(socket: Socket, started = Date.now()): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept the connection open for ${bound} ms`));
    }, bound);
    socket.once("close", () => {
      clearTimeout(timer);
      resolve(Date.now() - started);
    });
  });
}

/** A plain TCP connection to `port`, once connected. */
async function connectedSocket(port: number): Promise<Socket> {
  const socket = netConnect(port, "127.0.0.1");
  socket.on("error", () => undefined);
  await new Promise((resolve) => socket.once("connect", resolve));
  return socket;
}

/** Health's status once a call gets through again (a freed connection slot is a slot again). */
async function servingOnceFree(url: string): Promise<Status> {
  const health = createClient(Health, createGrpcTransport({ baseUrl: url }));
  const answer = await waitFor(
    () => health.check({ service: "" }),
    (r) => r.status === Status.SERVING,
  );
  return answer.status;
}

/** Writes `text` one byte every 50 ms for as long as the socket is open. */
function trickle(socket: Socket, text: string): void {
  let at = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || at >= text.length) return clearInterval(timer);
    socket.write(text[at++] ?? "");
  }, 50);
  socket.once("close", () => clearInterval(timer));
}

describe("connections that never finish a request", () => {
  it("closes a socket that sends nothing", async () => {
    const socket = await open();
    expect(await closedWithin(socket)).toBeGreaterThanOrEqual(timeouts.CONNECTION_FIRST_BYTES_TIMEOUT_MS - 50);
  });

  it("closes a socket that sends too little to tell HTTP/1.1 from HTTP/2", async () => {
    const socket = await open();
    socket.write("PRI * HT");
    expect(await closedWithin(socket)).toBeGreaterThanOrEqual(timeouts.CONNECTION_FIRST_BYTES_TIMEOUT_MS - 50);
  });

  it("closes an HTTP/2 connection that sends its preface and nothing else", async () => {
    const socket = await open();
    socket.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
    expect(await closedWithin(socket)).toBeGreaterThanOrEqual(timeouts.HTTP2_SETTINGS_TIMEOUT_MS - 50);
  });

  it("closes an HTTP/1.1 request whose headers trickle in", async () => {
    const socket = await open();
    // A header line far longer than the timeout lets it arrive.
    trickle(socket, `GET /grpc.health.v1.Health/Check HTTP/1.1\r\nHost: x\r\nX-Slow: ${"a".repeat(500)}\r\n\r\n`);
    expect(await closedWithin(socket)).toBeGreaterThanOrEqual(timeouts.HTTP_HEADERS_TIMEOUT_MS - 50);
  });

  it("closes an HTTP/1.1 request whose body trickles in", async () => {
    const socket = await open();
    socket.write(
      "POST /grpc.health.v1.Health/Check HTTP/1.1\r\nHost: x\r\nContent-Type: application/proto\r\n" +
        "Connect-Protocol-Version: 1\r\nContent-Length: 500\r\n\r\n",
    );
    trickle(socket, "\n".repeat(500));
    expect(await closedWithin(socket)).toBeGreaterThanOrEqual(timeouts.HTTP_REQUEST_TIMEOUT_MS - 50);
  });

  it("resets an HTTP/2 stream whose request never ends", async () => {
    const session = http2Connect(`http://127.0.0.1:${port}`);
    session.on("error", () => undefined);
    const started = Date.now();
    const stream = session.request({
      ":method": "POST",
      ":path": "/grpc.health.v1.Health/Check",
      "content-type": "application/grpc",
      te: "trailers",
    });
    stream.on("error", () => undefined);
    stream.write(Buffer.from([0, 0, 0, 0, 2]));
    const closed = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the stream stayed open for ${bound} ms`)), bound);
      stream.once("close", () => {
        clearTimeout(timer);
        resolve(Date.now() - started);
      });
    }).finally(() => session.destroy());
    expect(closed).toBeGreaterThanOrEqual(timeouts.HTTP_REQUEST_TIMEOUT_MS - 50);
    expect(stream.rstCode).toBe(constants.NGHTTP2_CANCEL);
  });

  it("closes an HTTP/2 session left idle, and limits its concurrent streams", async () => {
    const started = Date.now();
    const session = http2Connect(`http://127.0.0.1:${port}`);
    session.on("error", () => undefined);
    const settings = await new Promise<{ maxConcurrentStreams?: number }>((resolve) =>
      session.once("remoteSettings", resolve),
    );
    expect(settings.maxConcurrentStreams).toBe(timeouts.HTTP2_MAX_CONCURRENT_STREAMS);
    expect(await closedWithin(session.socket as Socket, started)).toBeGreaterThanOrEqual(
      timeouts.HTTP2_IDLE_TIMEOUT_MS - 50,
    );
  });
});

describe("clients that misbehave at the socket", () => {
  it("survives a client that resets its connection before choosing a protocol", async () => {
    for (const head of ["", "PR", "GET / HT"]) {
      const socket = await open();
      if (head) socket.write(head);
      const closed = new Promise((resolve) => socket.once("close", resolve));
      socket.resetAndDestroy();
      await closed;
    }
    const health = createClient(Health, createGrpcTransport({ baseUrl: waybill.url }));
    expect((await health.check({ service: "" })).status).toBe(Status.SERVING);
    expect(waybill.running()).toBe(true);
  });

  it("closes a client address's connections beyond MAX_CONNECTIONS_PER_ADDRESS at once", async () => {
    const capped = await spawnWaybill(env, {
      SERVICES: "inventory",
      AUTH_SECRET: secret,
      MAX_CONNECTIONS_PER_ADDRESS: "2",
    });
    const cappedPort = Number(new URL(capped.url).port);
    const connect = () => connectedSocket(cappedPort);
    try {
      const [first, second] = [await connect(), await connect()];
      const third = await connect();
      expect(await closedWithin(third)).toBeLessThan(timeouts.CONNECTION_FIRST_BYTES_TIMEOUT_MS);
      expect(first.destroyed || second.destroyed).toBe(false);
      first.destroy();
      await new Promise((resolve) => first.once("close", resolve));
      // A slot freed is a slot again: a plain call goes through.
      expect(await servingOnceFree(capped.url)).toBe(Status.SERVING);
      second.destroy();
    } finally {
      await capped.kill("SIGTERM");
    }
  }, 60_000);

  it("closes connections beyond MAX_CONNECTIONS as they are accepted, whatever their address", async () => {
    const capped = await spawnWaybill(env, { SERVICES: "inventory", AUTH_SECRET: secret, MAX_CONNECTIONS: "3" });
    const cappedPort = Number(new URL(capped.url).port);
    const connect = () => connectedSocket(cappedPort);
    try {
      const held = [await connect(), await connect(), await connect()];
      const fourth = await connect();
      // Silent sockets live CONNECTION_FIRST_BYTES_TIMEOUT_MS (5 s here): closing sooner is the cap.
      expect(await closedWithin(fourth)).toBeLessThan(5_000);
      expect(held.some((socket) => socket.destroyed)).toBe(false);
      for (const socket of held) socket.destroy();
      await Promise.all(held.map((socket) => new Promise((resolve) => socket.once("close", resolve))));
      expect(await servingOnceFree(capped.url)).toBe(Status.SERVING);
    } finally {
      await capped.kill("SIGTERM");
    }
  }, 60_000);
});

describe("calls that finish their requests", () => {
  it("answers a normal call and keeps server streams open past every timeout", async () => {
    const token = await createTokenIssuer(secret).sign({ subject: "ops", role: "admin" });
    // WatchStock over HTTP/1.1 (Connect) and Health/Watch over HTTP/2 (gRPC).
    const admin = createWaybill({ baseUrl: waybill.url, token });
    await stockedItem(admin, "acme", "HYGIENE-1", 1);
    const health = createClient(Health, createGrpcTransport({ baseUrl: waybill.url }));
    expect((await health.check({ service: "" })).status).toBe(Status.SERVING);
    const abort = new AbortController();
    const levels: bigint[] = [];
    const watching = (async () => {
      for await (const r of admin.inventory.watchStock(
        { brandId: "acme", skus: ["HYGIENE-1"] },
        { signal: abort.signal },
      ))
        levels.push(r.stock?.onHand ?? -1n);
    })().catch((error: unknown) => error);
    const statuses: Status[] = [];
    const healthWatch = (async () => {
      for await (const r of health.watch({ service: "" }, { signal: abort.signal })) statuses.push(r.status);
    })().catch((error: unknown) => error);
    await waitFor(
      async () => [levels.length, statuses.length],
      ([l, s]) => (l ?? 0) > 0 && (s ?? 0) > 0,
    );
    // Outlast the request and idle timeouts: wait until a request left unfinished and an idle
    // session, opened now, have both been closed.
    const probe = await open();
    probe.write(
      "POST /grpc.health.v1.Health/Check HTTP/1.1\r\nHost: x\r\nContent-Type: application/proto\r\nContent-Length: 10\r\n\r\n",
    );
    await closedWithin(probe);
    const idleSession = http2Connect(`http://127.0.0.1:${port}`);
    idleSession.on("error", () => undefined);
    await closedWithin(idleSession.socket as Socket);
    await changeStock(admin, "acme", "HYGIENE-1", 2n, "hygiene-restock");
    expect(
      await waitFor(
        async () => levels.at(-1),
        (level) => level === 3n,
      ),
    ).toBe(3n);
    const plain = createClient(Health, createConnectTransport({ baseUrl: waybill.url, httpVersion: "1.1" }));
    expect((await plain.check({ service: "" })).status).toBe(Status.SERVING);
    abort.abort();
    expect(statuses).toEqual([Status.SERVING]);
    await Promise.all([watching, healthWatch]);
  });
});
