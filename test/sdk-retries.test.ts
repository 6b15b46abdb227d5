import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer, type Socket } from "node:net";
import { Code, ConnectError, type Interceptor } from "@connectrpc/connect";
import { createWaybill as createBrowserWaybill } from "@waybill/sdk";
import { createWaybill, type NodeWaybillOptions } from "@waybill/sdk/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTokenIssuer } from "../services/kit/auth/index.js";
import {
  createIsolatedEnvironment,
  freePort,
  type IsolatedEnvironment,
  orderRequest,
  stockedItem,
  waitUntil,
} from "./support/index.js";
import { loopbackWebhookHosts } from "./support/waybill-process.js";

// The SDK's retries, idempotency keys and default deadline against real Waybill processes: one
// stopped and started again on the same port, a port nobody listens on, and a server that
// accepts connections and never answers.
const secret = "sdk-retries-secret-of-at-least-32-chars";
const root = new URL("..", import.meta.url).pathname;
const tokens = createTokenIssuer(secret);
let env: IsolatedEnvironment;
let token: string;

beforeAll(async () => {
  env = await createIsolatedEnvironment();
  token = await tokens.sign({ subject: "ops", role: "admin" });
}, 60_000);
afterAll(() => env?.cleanup());

/** Waybill as its own process on a chosen port (spawnWaybill always takes a free one). */
async function startOnPort(port: number): Promise<{ stop(): Promise<void> }> {
  const child: ChildProcess = spawn(
    process.execPath,
    ["--conditions=@waybill/source", "--import", "tsx", "services/main.ts", "--port", String(port)],
    {
      cwd: root,
      env: {
        ...process.env,
        NODE_OPTIONS: "",
        DATABASE_URL: env.databaseUrl,
        NATS_URL: env.natsUrl,
        EVENT_PREFIX: env.prefix,
        MAIL_DIR: env.mailDir,
        LOG_LEVEL: "warn",
        WEBHOOK_ALLOWED_HOSTS: loopbackWebhookHosts,
        RATE_LIMITS: "off",
        AUTH_SECRET: secret,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  const exited = once(child, "exit");
  await new Promise<void>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("listening on http://")) resolve();
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    void exited.then(() => reject(new Error(`waybill exited during start:\n${output}`)));
  });
  return {
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        await exited;
      }
    },
  };
}

/** One attempt as the server sees it: the idempotency key sent, and how it ended. */
interface Attempt {
  readonly key: string;
  readonly outcome: "ok" | Code;
}

/** An interceptor (run once per attempt, inside the SDK's retries) recording every attempt. */
function recordAttempts(attempts: Attempt[]): Interceptor {
  return (next) => async (req) => {
    const key = String((req.message as unknown as { idempotencyKey?: string }).idempotencyKey ?? "");
    try {
      const response = await next(req);
      attempts.push({ key, outcome: "ok" });
      return response;
    } catch (error) {
      attempts.push({ key, outcome: ConnectError.from(error).code });
      throw error;
    }
  };
}

async function checkoutFixture(baseUrl: string, sku: string): Promise<string> {
  const admin = createWaybill({ baseUrl, token });
  await stockedItem(admin, "acme", sku, 10);
  const { customer } = await admin.orders.createCustomer({
    name: "Ada Retry",
    email: `${sku.toLowerCase()}@example.com`,
    idempotencyKey: `customer-${sku}`,
  });
  return customer?.customerId ?? "";
}

async function ordersOf(baseUrl: string, customerId: string): Promise<number> {
  const { orders } = await createWaybill({ baseUrl, token }).orders.listOrders({ customerId });
  return orders.length;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("SDK retries", () => {
  it("retries a PlaceOrder sent while Waybill is down once it is back, with one generated key: one order", async () => {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const first = await startOnPort(port);
    const customerId = await checkoutFixture(baseUrl, "RETRY-DOWN");
    await first.stop();

    const attempts: Attempt[] = [];
    const patient = createWaybill({
      baseUrl,
      token,
      retry: { maxAttempts: 1_000, initialDelayMs: 50, maxDelayMs: 250 },
      defaultTimeoutMs: 60_000,
      interceptors: [recordAttempts(attempts)],
    });
    const request = orderRequest(customerId, "acme", [["RETRY-DOWN", 1]], "");
    const placed = patient.orders.placeOrder(request);
    await waitUntil(
      async () => attempts.length,
      (n) => n >= 2,
      "two refused attempts",
    );
    const second = await startOnPort(port);
    try {
      const { order } = await placed;
      expect(order?.customerId).toBe(customerId);
      expect(attempts.slice(0, -1).every((a) => a.outcome === Code.Unavailable)).toBe(true);
      expect(attempts.at(-1)?.outcome).toBe("ok");
      // One key for the whole call, generated for it; the caller's message is left as it was.
      expect(new Set(attempts.map((a) => a.key)).size).toBe(1);
      expect(attempts[0]?.key).toMatch(uuid);
      expect(request.idempotencyKey).toBe("");
      expect(await ordersOf(baseUrl, customerId)).toBe(1);
    } finally {
      await second.stop();
    }
  }, 90_000);

  it("retries a PlaceOrder whose answer was lost with the same key: the server replays it, one order", async () => {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const waybill = await startOnPort(port);
    try {
      const customerId = await checkoutFixture(baseUrl, "RETRY-LOST");
      const attempts: Attempt[] = [];
      // The first answer is dropped after the server acted on the request, as a broken connection would.
      let dropped = false;
      const loseFirstAnswer: Interceptor = (next) => async (req) => {
        const response = await next(req);
        if (dropped) return response;
        dropped = true;
        throw new ConnectError("connection reset before the answer arrived", Code.Unavailable);
      };
      const client = createWaybill({
        baseUrl,
        token,
        retry: { initialDelayMs: 10 },
        interceptors: [recordAttempts(attempts), loseFirstAnswer],
      });
      const { order } = await client.orders.placeOrder(orderRequest(customerId, "acme", [["RETRY-LOST", 2]], ""));
      expect(attempts.map((a) => a.outcome)).toEqual([Code.Unavailable, "ok"]);
      expect(attempts[0]?.key).toMatch(uuid);
      expect(attempts[1]?.key).toBe(attempts[0]?.key);
      expect(await ordersOf(baseUrl, customerId)).toBe(1);
      expect(order?.lines[0]?.quantity).toBe(2n);

      // A key set by hand is sent as it is.
      const handAttempts: Attempt[] = [];
      const handClient = createWaybill({ baseUrl, token, interceptors: [recordAttempts(handAttempts)] });
      await handClient.orders.placeOrder(orderRequest(customerId, "acme", [["RETRY-LOST", 1]], "hand-key-1"));
      expect(handAttempts).toEqual([{ key: "hand-key-1", outcome: "ok" }]);
    } finally {
      await waybill.stop();
    }
  }, 60_000);

  it("never retries a mutation without an idempotency key; retries reads; retry: false retries nothing", async () => {
    const baseUrl = `http://127.0.0.1:${await freePort()}`;
    const client = (attempts: Attempt[], retry: NodeWaybillOptions["retry"]) =>
      createWaybill({ baseUrl, token, retry, interceptors: [recordAttempts(attempts)] });
    const outcome = (call: Promise<unknown>) =>
      call.then(
        () => "ok" as const,
        (e: unknown) => ConnectError.from(e).code,
      );

    const rebuild: Attempt[] = [];
    expect(await outcome(client(rebuild, { initialDelayMs: 1 }).inventory.rebuildStock({ brandId: "acme" }))).toBe(
      Code.Unavailable,
    );
    expect(rebuild).toHaveLength(1);

    const read: Attempt[] = [];
    const getItem = client(read, { maxAttempts: 4, initialDelayMs: 1 }).inventory.getItem({
      brandId: "acme",
      sku: "X",
    });
    expect(await outcome(getItem)).toBe(Code.Unavailable);
    expect(read.map((a) => a.outcome)).toEqual(Array(4).fill(Code.Unavailable));

    const keyed: Attempt[] = [];
    const adjust = client(keyed, { maxAttempts: 3, initialDelayMs: 1 }).inventory.adjustStock({
      brandId: "acme",
      sku: "X",
      delta: 1n,
    });
    expect(await outcome(adjust)).toBe(Code.Unavailable);
    expect(keyed).toHaveLength(3);

    // Over fetch (browsers), where a refused connection is fetch's TypeError rather than a ConnectError.
    const overFetch: Attempt[] = [];
    const fetchClient = createBrowserWaybill({
      baseUrl,
      token,
      retry: { maxAttempts: 3, initialDelayMs: 1 },
      interceptors: [recordAttempts(overFetch)],
    });
    expect(await outcome(fetchClient.inventory.getItem({ brandId: "acme", sku: "X" }))).not.toBe("ok");
    expect(overFetch).toHaveLength(3);

    const off: Attempt[] = [];
    expect(await outcome(client(off, false).inventory.getItem({ brandId: "acme", sku: "X" }))).toBe(Code.Unavailable);
    expect(off).toHaveLength(1);
  });
});

describe("SDK deadlines", () => {
  let silent: ReturnType<typeof createServer>;
  let silentUrl: string;
  const sockets = new Set<Socket>();
  let accepted = 0;
  beforeAll(async () => {
    // Accepts every connection and never writes a byte.
    silent = createServer((socket) => {
      accepted++;
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const address = silent.address();
    silentUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  /** Runs a call and returns its error code and how long it took. */
  async function timed(call: () => Promise<unknown>): Promise<{ code: Code | "ok"; ms: number }> {
    const started = performance.now();
    const code = await call().then(
      () => "ok" as const,
      (e: unknown) => ConnectError.from(e).code,
    );
    return { code, ms: performance.now() - started };
  }

  it.each(["connect", "grpc"] as const)(
    "ends a %s call the server never answers at the default deadline",
    async (protocol) => {
      const client = createWaybill({ baseUrl: silentUrl, token, protocol, defaultTimeoutMs: 1_000 });
      const { code, ms } = await timed(() => client.inventory.getItem({ brandId: "acme", sku: "X" }));
      expect(code).toBe(Code.DeadlineExceeded);
      expect(ms).toBeGreaterThanOrEqual(990);
      expect(ms).toBeLessThan(3_000);
    },
  );

  it("lets a call's timeoutMs override the default, and its signal cancel it", async () => {
    const client = createWaybill({ baseUrl: silentUrl, token });
    const short = await timed(() => client.inventory.getItem({ brandId: "acme", sku: "X" }, { timeoutMs: 300 }));
    expect(short.code).toBe(Code.DeadlineExceeded);
    expect(short.ms).toBeLessThan(2_300);

    const controller = new AbortController();
    const before = accepted;
    const cancelled = timed(() =>
      client.inventory.getItem({ brandId: "acme", sku: "X" }, { signal: controller.signal }),
    );
    await waitUntil(
      async () => accepted,
      (n) => n > before,
      "the call's connection",
    );
    controller.abort();
    const { code, ms } = await cancelled;
    expect(code).toBe(Code.Canceled);
    expect(ms).toBeLessThan(5_000);
  });
});
