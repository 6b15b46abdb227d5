import { spawn } from "node:child_process";
import { once } from "node:events";
import { type AddressInfo, createServer } from "node:net";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport } from "@connectrpc/connect-node";
import { jetstreamManager } from "@nats-io/jetstream";
import { Health, HealthCheckResponse_ServingStatus as Status } from "@waybill/contracts/grpc/health/v1/health_pb.js";
import { LedgerReason } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import { createWaybill } from "@waybill/sdk/node";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { createTokenIssuer } from "../services/kit/auth/index.js";
import { connectNats, domainStreamName } from "../services/kit/events/index.js";
import { createTestLogger, waitFor } from "./support/index.js";
import { createIsolatedEnvironment } from "./support/isolated-environment.js";
import { startTestWaybill } from "./support/test-waybill.js";

const root = new URL("..", import.meta.url).pathname;
const secret = "lifecycle-secret-of-at-least-thirty-two-chars";

/** Runs `npm start`'s entry point (or another script of the repository) as its own process and collects its output. */
function startProcess(args: string[], env: Record<string, string>, script = "services/main.ts") {
  const child = spawn(`${root}node_modules/.bin/tsx`, ["--conditions=@waybill/source", script, ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "warn", ...env },
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, "exit").then(([code]) => code as number | null);
  return {
    child,
    exited,
    output: () => output,
    async listeningUrl(): Promise<string> {
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        const match = /listening on (http:\/\/\S+)/.exec(output);
        if (match?.[1]) return match[1];
        if (child.exitCode !== null) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`never listened:\n${output}`);
    },
  };
}

describe("npm start", () => {
  it("runs one service alone on the given port and stops cleanly on SIGTERM", async () => {
    const env = await createIsolatedEnvironment();
    try {
      const proc = startProcess(["--service", "inventory", "--port", "0"], {
        DATABASE_URL: env.databaseUrl,
        NATS_URL: env.natsUrl,
        EVENT_PREFIX: env.prefix,
        AUTH_SECRET: secret,
      });
      const url = await proc.listeningUrl();
      expect(proc.output()).toContain("Waybill (inventory) listening on");
      const token = await createTokenIssuer(secret).sign({ subject: "ops", role: "admin" });
      const client = createWaybill({ baseUrl: url, token, protocol: "grpc" });
      const listed = await client.inventory.listItems({});
      expect(listed.items).toEqual([]);
      const orders = await client.orders.listOrders({}).catch((e: unknown) => ConnectError.from(e));
      expect(orders).toBeInstanceOf(ConnectError);
      expect((orders as ConnectError).code).toBe(Code.Unimplemented);
      proc.child.kill("SIGTERM");
      expect(await proc.exited).toBe(0);
    } finally {
      await env.cleanup();
    }
  });

  it.each([
    ["PostgreSQL", { DATABASE_URL: "postgres://root@127.0.0.1:1/waybill" }, ["127.0.0.1:1", "DATABASE_URL"]],
    ["NATS", { NATS_URL: "nats://127.0.0.1:1" }, ["127.0.0.1:1", "NATS_URL"]],
    ["a bad PORT", { PORT: "eighty" }, ["PORT", "eighty"]],
    ["production without AUTH_SECRET", { NODE_ENV: "production" }, ["AUTH_SECRET"]],
  ] as const)("exits with a clear message for %s", async (_name, overrides, expected) => {
    const proc = startProcess(["--service", "inventory"], { EVENT_PREFIX: "unreached", ...overrides });
    expect(await proc.exited).toBe(1);
    const firstError =
      proc
        .output()
        .split("\n")
        .find((line) => line.startsWith("waybill:")) ?? proc.output();
    for (const text of expected) expect(firstError).toContain(text);
  });

  it.each([
    ["services/main.ts", ["--service <name...>", "DATABASE_URL (default: postgres://", "FLEET_TIME_SCALE", "SMTP_URL"]],
    ["scripts/token.ts", ["--role <role>", '"courier"', "--ttl <seconds>"]],
    ["scripts/dlq.ts", ["list [options]", "redrive [options]"]],
  ] as const)("%s --help prints its usage and exits 0", async (script, expected) => {
    const proc = startProcess(["--help"], {}, script);
    expect(await proc.exited).toBe(0);
    expect(proc.output()).toMatch(/^Usage: npm (start|run token|run dlq) --/);
    for (const text of expected) expect(proc.output()).toContain(text);
  });

  it.each([
    ["services/main.ts", ["--bogus"], "unknown option '--bogus'"],
    ["scripts/token.ts", ["--role", "brand"], "--role brand needs --brand <brand id>"],
    ["scripts/token.ts", ["--role", "pirate"], "Allowed choices are admin, brand"],
    ["scripts/dlq.ts", ["purge"], "unknown command 'purge'"],
  ] as const)("%s %s explains the mistake in one line, without a stack trace", async (script, args, message) => {
    const proc = startProcess([...args], {}, script);
    expect(await proc.exited).not.toBe(0);
    expect(proc.output()).toContain(message);
    expect(proc.output()).not.toMatch(/^\s+at /m);
  });

  it("says a port in use is in use, and starts no consumer before it exits", async () => {
    const env = await createIsolatedEnvironment();
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      const proc = startProcess(["--service", "inventory", "--port", String(port)], {
        DATABASE_URL: env.databaseUrl,
        NATS_URL: env.natsUrl,
        EVENT_PREFIX: env.prefix,
        AUTH_SECRET: secret,
      });
      expect(await proc.exited).toBe(1);
      expect(proc.output().trim()).toBe(
        `waybill: PORT: 127.0.0.1:${port} is already in use - stop the other process or choose another port with PORT or --port`,
      );
      // Inventory's consumers would have been created had its workers started.
      const nc = await connectNats({ url: env.natsUrl, name: "lifecycle-test", logger: createTestLogger() });
      try {
        const jsm = await jetstreamManager(nc);
        const consumers = await jsm.consumers.list(domainStreamName(env.prefix, "orders")).next();
        expect(consumers).toEqual([]);
      } finally {
        await nc.close();
      }
    } finally {
      taken.close();
      await env.cleanup();
    }
  });

  it("refuses an unknown --service", async () => {
    const proc = startProcess(["--service", "billing"], {});
    expect(await proc.exited).toBe(1);
    expect(proc.output()).toContain('"billing" is not one of inventory, orders, fleet, campaigns, notifications');
  });
});

describe("graceful shutdown", () => {
  it("finishes an in-flight RPC and tells health watchers NOT_SERVING before closing", async () => {
    const waybill = await startTestWaybill({ env: { SHUTDOWN_GRACE_MS: "10000" } });
    const brand = await waybill.as("brand", "acme");
    await brand.inventory.createItem({
      brandId: "acme",
      sku: "SLOW",
      name: "Slow",
      unitPrice: { currencyCode: "EUR", minorUnits: 1n },
      idempotencyKey: "c",
    });

    const health = createClient(Health, createGrpcTransport({ baseUrl: waybill.url }));
    const statuses: Status[] = [];
    const watching = (async () => {
      for await (const response of health.watch({ service: "waybill.inventory.v1.InventoryService" }))
        statuses.push(response.status);
    })().catch(() => undefined);

    // Hold the stock row so AdjustStock is still in flight when shutdown begins.
    const locker = new pg.Client({ connectionString: waybill.env.databaseUrl });
    await locker.connect();
    await locker.query("begin");
    await locker.query("select * from inventory.stock_levels where sku = 'SLOW' for update");
    const inFlight = brand.inventory.adjustStock({
      brandId: "acme",
      sku: "SLOW",
      delta: 4n,
      reason: LedgerReason.RESTOCK,
      idempotencyKey: "slow",
    });
    // AdjustStock is in flight once its transaction waits for the row lock held above.
    await waitFor(
      () =>
        locker.query(
          "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
        ),
      (result) => result.rows[0]?.n === 1,
    );

    const stopping = waybill.stop();
    // Shutdown has begun once health watchers are told NOT_SERVING; the RPC is still waiting.
    await waitFor(
      async () => statuses,
      (seen) => seen.includes(Status.NOT_SERVING),
    );
    await locker.query("commit");
    await locker.end();

    const answer = await inFlight;
    expect(answer.stock?.onHand).toBe(4n);
    await stopping;
    await watching;
    expect(statuses[0]).toBe(Status.SERVING);
    expect(statuses).toContain(Status.NOT_SERVING);
    const refused = await createClient(Health, createConnectTransport({ baseUrl: waybill.url, httpVersion: "1.1" }))
      .check({})
      .catch((e: unknown) => ConnectError.from(e));
    expect((refused as ConnectError).code).toBe(Code.Unavailable);
  });
});
