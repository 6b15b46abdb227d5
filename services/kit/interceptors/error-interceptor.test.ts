import { Code, ConnectError, createClient, createRouterTransport } from "@connectrpc/connect";
import { InventoryService } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import pg from "pg";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { serverInterceptors } from "../app/create-routes.js";
import { createTokenIssuer } from "../auth/index.js";
import { DatabaseSaturatedError, DependencyUnavailableError } from "../database/index.js";
import { startTelemetry } from "../telemetry/index.js";

const tokens = createTokenIssuer("error-interceptor-test-secret-of-32-chars");

/** An Inventory whose GetItem fails with `failure`, behind the real server interceptor chain. */
async function callFailing(failure: Error): Promise<{ error: ConnectError; logged: string }> {
  await startTelemetry({ services: ["test"], env: {}, logger: pino({ level: "silent" }) });
  let logged = "";
  const logger = pino(
    { level: "info" },
    {
      write: (line: string) => {
        logged += line;
      },
    },
  );
  const transport = createRouterTransport(
    (router) =>
      router.service(InventoryService, {
        getItem() {
          throw failure;
        },
      }),
    { router: { interceptors: serverInterceptors(logger, tokens) } },
  );
  const client = createClient(InventoryService, transport);
  const token = await tokens.sign({ subject: "ops", role: "admin" });
  const error = await client
    .getItem({ brandId: "acme", sku: "MUG-1" }, { headers: { Authorization: `Bearer ${token}` } })
    .then(
      () => new ConnectError("expected a failure"),
      (e: unknown) => ConnectError.from(e),
    );
  return { error, logged };
}

/** The first JSON log line whose text contains `msg`, parsed (`{}` when there is none). */
function logLine(logged: string, msg: string): Record<string, unknown> {
  return JSON.parse(
    logged
      .trim()
      .split("\n")
      .find((l) => l.includes(msg)) ?? "{}",
  );
}

describe("error interceptor", () => {
  it("answers an unexpected error as INTERNAL naming only a trace id, and logs the details", async () => {
    const { error, logged } = await callFailing(new Error('relation "inventory.secret_table" does not exist'));
    expect(error.code).toBe(Code.Internal);
    const match = /^internal error - trace id ([0-9a-f]{32})$/.exec(error.rawMessage);
    expect(match).not.toBeNull();
    expect(error.rawMessage).not.toContain("secret_table");
    expect(logged).toContain("secret_table");
    expect(logged).toContain(match![1]);
  });

  it("answers an unreachable dependency as UNAVAILABLE without its address", async () => {
    const { error } = await callFailing(new DependencyUnavailableError("PostgreSQL", "10.1.2.3:5432"));
    expect(error.code).toBe(Code.Unavailable);
    expect(error.rawMessage).toBe("PostgreSQL is unavailable - retry shortly");
  });

  it.each([
    ["57P01 admin shutdown", "57P01", "terminating connection due to administrator command"],
    ["57P02 crash shutdown", "57P02", "terminating connection because of crash of another server process"],
    ["57P03 starting up", "57P03", "the database system is starting up"],
    ["57P03 shutting down", "57P03", "the database system is shutting down"],
    ["53300 too many connections", "53300", "sorry, too many clients already"],
    ["08006 connection failure", "08006", "connection failure"],
    ["a lost connection", undefined, "Connection terminated unexpectedly"],
    ["a client that lost its connection", undefined, "Client has encountered a connection error and is not queryable"],
  ])("answers %s as UNAVAILABLE, logged as a warning with the trace id", async (_name, code, message) => {
    const failure =
      code === undefined ? new Error(message) : Object.assign(new pg.DatabaseError(message, 0, "error"), { code });
    const { error, logged } = await callFailing(failure);
    expect(error.code).toBe(Code.Unavailable);
    expect(error.rawMessage).toBe("the database is unavailable - retry shortly");
    const line = logLine(logged, "database unavailable");
    expect(line).toMatchObject({ level: 40, method: "GetItem", err: { message } });
    expect(line.traceId).toMatch(/^[0-9a-f]{32}$/);
  });

  it.each([
    ["40P01 deadlock", "40P01", "deadlock detected"],
    ["40001 serialization failure", "40001", "could not serialize access due to concurrent update"],
    ["55P03 lock timeout", "55P03", "canceling statement due to lock timeout"],
  ])(
    "answers a transaction that lost a conflict (%s) as UNAVAILABLE, logged as a warning",
    async (_name, code, message) => {
      const failure = Object.assign(new pg.DatabaseError(message, 0, "error"), { code });
      const { error, logged } = await callFailing(failure);
      expect(error.code).toBe(Code.Unavailable);
      expect(error.rawMessage).toBe("the request met concurrent changes and was rolled back - retry it");
      expect(error.rawMessage).not.toContain(message);
      const line = logLine(logged, "transaction lost a conflict");
      expect(line).toMatchObject({ level: 40, method: "GetItem", err: { message } });
    },
  );

  it("answers a saturated pool as UNAVAILABLE with its own message", async () => {
    const { error } = await callFailing(new DatabaseSaturatedError());
    expect(error.code).toBe(Code.Unavailable);
    expect(error.rawMessage).toBe("the database is saturated - retry shortly");
  });

  it("keeps a database error that is not about availability INTERNAL", async () => {
    const unique = Object.assign(
      new pg.DatabaseError('duplicate key value violates unique constraint "items_pkey"', 0, "error"),
      {
        code: "23505",
      },
    );
    const { error, logged } = await callFailing(unique);
    expect(error.code).toBe(Code.Internal);
    expect(error.rawMessage).not.toContain("items_pkey");
    expect(logged).toContain("items_pkey");
  });
});
