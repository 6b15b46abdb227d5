import { Code, ConnectError, createClient, createRouterTransport } from "@connectrpc/connect";
import { InventoryService } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { serverInterceptors } from "../app/create-routes.js";
import { createTokenIssuer } from "../auth/index.js";
import { DependencyUnavailableError } from "../database/index.js";
import { startTelemetry } from "../telemetry/index.js";

const tokens = createTokenIssuer("error-interceptor-test-secret-of-32-chars");

/** An Inventory whose GetItem fails with `failure`, behind the real server interceptor chain. */
async function callFailing(failure: Error): Promise<{ error: ConnectError; logged: string }> {
  startTelemetry({ serviceName: "test", env: {} });
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
});
