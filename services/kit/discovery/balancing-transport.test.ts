import { once } from "node:events";
import { constants, createServer, type Http2Server, type Http2Session } from "node:http2";
import type { AddressInfo } from "node:net";
import { Code, ConnectError, createClient, type Transport } from "@connectrpc/connect";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import { InventoryService } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import { sdkInterceptors } from "@waybill/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBalancingTransport } from "./balancing-transport.js";
import { createEndpointPool, type EndpointPool } from "./endpoint-pool.js";
import { parsePeerTargets } from "./peer-targets.js";
import type { LookupAll } from "./resolve-peers.js";

// Real HTTP/2 servers on loopback (127.0.0.1 and 127.0.0.2, the same port: one "host name" with
// two addresses, as a headless Service answers), a real Connect client; only DNS is a function.

interface TestServer {
  readonly name: string;
  readonly host: string;
  port: number;
  /** Calls received, by method name. */
  readonly calls: string[];
  /** GetStock answers UNAVAILABLE while set (as a replica whose database is away would). */
  unavailable: boolean;
  /** GetStock and ReserveStock reset the connection (TCP RST) while set, as a crash under the call. */
  reset: boolean;
  close(): Promise<void>;
}

async function startServer(name: string, host: string, port = 0): Promise<TestServer> {
  const sessions = new Set<Http2Session>();
  const server: TestServer = {
    name,
    host,
    port,
    calls: [],
    unavailable: false,
    reset: false,
    close: async () => {
      for (const session of sessions) session.destroy();
      await new Promise((resolve) => http2.close(resolve));
    },
  };
  const resetConnections = async () => {
    for (const session of sessions) session.socket.resetAndDestroy();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  };
  const http2: Http2Server = createServer(
    connectNodeAdapter({
      routes: (router) =>
        router.service(InventoryService, {
          getStock: async () => {
            server.calls.push("GetStock");
            if (server.reset) await resetConnections();
            if (server.unavailable) throw new ConnectError("database away", Code.Unavailable);
            return { stock: { brandId: "acme", sku: name } };
          },
          reserveStock: async () => {
            server.calls.push("ReserveStock");
            if (server.reset) await resetConnections();
            throw new ConnectError("database away", Code.Unavailable);
          },
          async *watchStock() {
            server.calls.push("WatchStock");
            yield { stock: { brandId: "acme", sku: name } };
          },
        }),
    }),
  );
  http2.on("session", (session) => {
    sessions.add(session);
    session.on("close", () => sessions.delete(session));
  });
  http2.listen(port, host);
  await once(http2, "listening");
  server.port = (http2.address() as AddressInfo).port;
  return server;
}

/** A server that resets every stream it receives with `code` (a dying or closing replica). */
async function startResettingServer(code: number): Promise<{ port: number; close(): Promise<void> }> {
  const server = createServer();
  const sessions = new Set<Http2Session>();
  server.on("session", (session) => sessions.add(session));
  server.on("stream", (stream) => {
    // Node reports a stream this side closed with an error code as the stream's own error.
    stream.on("error", () => undefined);
    stream.close(code);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      for (const session of sessions) session.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A port nothing listens on. */
async function deadPort(): Promise<number> {
  const s = await startServer("dead", "127.0.0.1");
  await s.close();
  return s.port;
}

function clientOver(urls: string, lookup?: LookupAll): { pool: EndpointPool; transport: Transport } {
  const pool = createEndpointPool({ targets: parsePeerTargets(urls), ...(lookup ? { lookup } : {}) });
  const interceptors = sdkInterceptors({ baseUrl: "", retry: { initialDelayMs: 5, maxDelayMs: 20 } });
  return { pool, transport: createBalancingTransport({ baseUrl: urls.split(",")[0] ?? "", pool, interceptors }) };
}

const servedBy = async (transport: Transport, count: number) => {
  const inventory = createClient(InventoryService, transport);
  const names: string[] = [];
  for (let i = 0; i < count; i++)
    names.push((await inventory.getStock({ brandId: "acme", sku: "x" })).stock?.sku ?? "");
  return names;
};

let a: TestServer;
let b: TestServer;
const pools: EndpointPool[] = [];

beforeAll(async () => {
  a = await startServer("a", "127.0.0.1");
  b = await startServer("b", "127.0.0.2", a.port);
});
afterAll(async () => {
  for (const pool of pools) pool.close();
  await Promise.all([a?.close(), b?.close()]);
});

describe("balancing transport", () => {
  it("sends calls to the listed endpoints in turn and passes over a dead one without an error", async () => {
    const dead = await deadPort();
    const { pool, transport } = clientOver(
      `http://127.0.0.1:${dead},http://127.0.0.1:${a.port},http://127.0.0.2:${b.port}`,
    );
    pools.push(pool);
    const names = await servedBy(transport, 6);
    expect(names.filter((n) => n === "a")).toHaveLength(3);
    expect(names.filter((n) => n === "b")).toHaveLength(3);
    expect(pool.endpoints()).toHaveLength(3);
  });

  it("balances over every address of a host name and follows the name as it changes", async () => {
    const table = new Map([["inventory.test", ["127.0.0.1", "127.0.0.2"]]]);
    const lookup: LookupAll = async (host) => (table.get(host) ?? []).map((address) => ({ address }));
    const { pool, transport } = clientOver(`http://inventory.test:${a.port}`, lookup);
    pools.push(pool);
    expect((await servedBy(transport, 4)).sort()).toEqual(["a", "a", "b", "b"]);
    table.set("inventory.test", ["127.0.0.2"]);
    await pool.refresh();
    expect(await servedBy(transport, 3)).toEqual(["b", "b", "b"]);
    table.set("inventory.test", ["127.0.0.2", "127.0.0.1"]);
    await pool.refresh();
    expect((await servedBy(transport, 4)).sort()).toEqual(["a", "a", "b", "b"]);
  });

  it("sends the SDK's retry of a retry-safe call to the other endpoint", async () => {
    const { pool, transport } = clientOver(`http://127.0.0.1:${a.port},http://127.0.0.2:${b.port}`);
    pools.push(pool);
    a.unavailable = true;
    a.calls.length = 0;
    b.calls.length = 0;
    const inventory = createClient(InventoryService, transport);
    try {
      // Side by side, so that a retry picked by turn alone would land on a again for some call.
      const answers = await Promise.all(
        Array.from({ length: 6 }, () => inventory.getStock({ brandId: "acme", sku: "x" })),
      );
      expect(answers.map((answer) => answer.stock?.sku)).toEqual(["b", "b", "b", "b", "b", "b"]);
    } finally {
      a.unavailable = false;
    }
    // The first attempts went by turn, three to each; every retry went to b.
    expect(a.calls).toHaveLength(3);
    expect(b.calls).toHaveLength(6);
  });

  it("does not send a call that reached a server elsewhere: the SDK's policy decides (no key: no retry)", async () => {
    const { pool, transport } = clientOver(`http://127.0.0.1:${a.port},http://127.0.0.2:${b.port}`);
    pools.push(pool);
    a.calls.length = 0;
    b.calls.length = 0;
    const inventory = createClient(InventoryService, transport);
    const error = await inventory.reserveStock({ orderId: "o", brandId: "acme", lines: [] }).catch((e) => e);
    expect(ConnectError.from(error).code).toBe(Code.Unavailable);
    expect(a.calls.length + b.calls.length).toBe(1);
  });

  it("turns a connection reset under a call into UNAVAILABLE, retried elsewhere only when safe, and sets the endpoint aside", async () => {
    const { pool, transport } = clientOver(`http://127.0.0.1:${a.port},http://127.0.0.2:${b.port}`);
    pools.push(pool);
    const inventory = createClient(InventoryService, transport);
    a.reset = true;
    a.calls.length = 0;
    b.calls.length = 0;
    try {
      // A read: retried on b.
      expect((await inventory.getStock({ brandId: "acme", sku: "x" })).stock?.sku).toBe("b");
      expect(a.calls).toEqual(["GetStock"]);
      // The lost connection set a aside: the next call goes to b, which answers for itself.
      const error = await inventory.reserveStock({ orderId: "o", brandId: "acme", lines: [] }).catch((e) => e);
      expect(ConnectError.from(error).code).toBe(Code.Unavailable);
      expect(ConnectError.from(error).rawMessage).toBe("database away");
      expect(a.calls).toEqual(["GetStock"]);
      expect(b.calls).toEqual(["GetStock", "ReserveStock"]);
    } finally {
      a.reset = false;
    }
  });

  it("turns a stream the server closed with CANCEL (a replica dying under the call) into UNAVAILABLE", async () => {
    // A server that cancels every stream it receives, as a killed replica's session does.
    const cancelling = await startResettingServer(constants.NGHTTP2_CANCEL);
    const { port } = cancelling;
    const { pool, transport } = clientOver(`http://127.0.0.1:${port},http://127.0.0.2:${b.port}`);
    pools.push(pool);
    const inventory = createClient(InventoryService, transport);
    b.calls.length = 0;
    try {
      // ReserveStock has no idempotency key: not retried, but UNAVAILABLE (outcome unknown), not CANCELED.
      const error = await inventory.reserveStock({ orderId: "o", brandId: "acme", lines: [] }).catch((e) => e);
      expect(ConnectError.from(error).code).toBe(Code.Unavailable);
      expect(ConnectError.from(error).rawMessage).toContain("CANCEL");
      expect(b.calls).toEqual([]);
      // A read is retried on the other endpoint.
      expect((await inventory.getStock({ brandId: "acme", sku: "x" })).stock?.sku).toBe("b");
    } finally {
      await cancelling.close();
    }
  });

  it("sends a call the server refused (REFUSED_STREAM: not processed) to another endpoint", async () => {
    const refusing = await startResettingServer(constants.NGHTTP2_REFUSED_STREAM);
    const { pool, transport } = clientOver(`http://127.0.0.1:${refusing.port},http://127.0.0.2:${b.port}`);
    pools.push(pool);
    b.calls.length = 0;
    try {
      // No idempotency key, so no retry: only the balancer's failover can bring it to b.
      const error = await createClient(InventoryService, transport)
        .reserveStock({ orderId: "o", brandId: "acme", lines: [] })
        .catch((e) => e);
      expect(ConnectError.from(error).rawMessage).toBe("database away");
      expect(b.calls).toEqual(["ReserveStock"]);
    } finally {
      await refusing.close();
    }
  });

  it("opens a server stream on another endpoint when the first cannot be reached", async () => {
    const dead = await deadPort();
    const { pool, transport } = clientOver(`http://127.0.0.1:${dead},http://127.0.0.2:${b.port}`);
    pools.push(pool);
    const inventory = createClient(InventoryService, transport);
    const seen: string[] = [];
    for await (const message of inventory.watchStock({ brandId: "acme" })) seen.push(message.stock?.sku ?? "");
    expect(seen).toEqual(["b"]);
  });

  it("answers UNAVAILABLE when no endpoint can be reached or resolved", async () => {
    const dead = await deadPort();
    const down = clientOver(`http://127.0.0.1:${dead},http://127.0.0.2:${dead}`);
    const unknown = clientOver("http://nowhere.test:1", async () => {
      throw new Error("getaddrinfo ENOTFOUND nowhere.test");
    });
    pools.push(down.pool, unknown.pool);
    for (const { transport } of [down, unknown]) {
      const error = await createClient(InventoryService, transport)
        .getStock({ brandId: "acme", sku: "x" })
        .catch((e) => e);
      expect(ConnectError.from(error).code).toBe(Code.Unavailable);
    }
  });
});
