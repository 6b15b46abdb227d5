import { Code, ConnectError, type Interceptor } from "@connectrpc/connect";
import { RetryInfoSchema } from "@waybill/contracts/google/rpc/retry_info_pb.js";
import type { Waybill } from "@waybill/sdk";
import { createWaybill, retryDelayMs } from "@waybill/sdk/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTokenIssuer } from "../../services/kit/auth/index.js";
import {
  createIsolatedEnvironment,
  type IsolatedEnvironment,
  spawnWaybill,
  stockedItem,
  type WaybillProcess,
} from "../support/index.js";

// RATE_LIMITS against two real replicas sharing one NATS KV bucket. The limits refill so slowly
// (20 an hour, 5 an hour) that nothing comes back while the test runs: every count below is exact.
// The store timeout is long so that a slow machine never makes a replica count alone.
const secret = "rate-limit-test-secret-of-32-chars";
const variables = {
  SERVICES: "inventory",
  AUTH_SECRET: secret,
  RATE_LIMITS: "brand=20/h:20,anonymous=5/h:5,key:patient-brand=10/m:1,admin=off",
  RATE_LIMIT_STORE_TIMEOUT_MS: "10000",
};

let env: IsolatedEnvironment;
let first: WaybillProcess;
let second: WaybillProcess;
const tokens = createTokenIssuer(secret);

beforeAll(async () => {
  env = await createIsolatedEnvironment();
  [first, second] = await Promise.all([spawnWaybill(env, variables), spawnWaybill(env, variables)]);
  const ops = createWaybill({ baseUrl: first.url, token: await tokens.sign({ subject: "ops", role: "admin" }) });
  await stockedItem(ops, "acme", "RATE-1", 5);
}, 60_000);
afterAll(async () => {
  await Promise.all([first?.kill("SIGTERM"), second?.kill("SIGTERM")]);
  await env?.cleanup();
});

async function brandClient(url: string, subject: string, protocol: "connect" | "grpc" = "connect"): Promise<Waybill> {
  const token = await tokens.sign({ subject, role: "brand", brandId: "acme" });
  return createWaybill({ baseUrl: url, token, protocol, rateLimitRetry: false });
}

/** Calls GetItem and returns "ok" or the error's code. */
async function getItem(client: Waybill): Promise<"ok" | Code> {
  return client.inventory.getItem({ brandId: "acme", sku: "RATE-1" }).then(
    () => "ok" as const,
    (error: unknown) => ConnectError.from(error).code,
  );
}

describe("RATE_LIMITS across two replicas", () => {
  it("gives a brand token one budget of 20, whichever replica it calls", async () => {
    const onFirst = await brandClient(first.url, "burst-user");
    const onSecond = await brandClient(second.url, "burst-user", "grpc");
    const spent = [];
    for (let call = 0; call < 20; call++) spent.push(await getItem(call % 2 === 0 ? onFirst : onSecond));
    expect(spent.filter((outcome) => outcome === "ok")).toHaveLength(20);
    // The budget is gone on both replicas, for a burst from both at once as for single calls.
    const burst = await Promise.all(Array.from({ length: 30 }, (_, call) => getItem(call % 2 ? onFirst : onSecond)));
    if (burst.some((o) => o === "ok"))
      console.log("DEBUG", burst, first.output().slice(-3000), second.output().slice(-3000));
    expect(burst).toEqual(Array(30).fill(Code.ResourceExhausted));
    // Another token of the same brand has a budget of its own.
    expect(await getItem(await brandClient(second.url, "other-user"))).toBe("ok");
  });

  it("answers over the limit with RetryInfo (gRPC) and 429 with Retry-After (Connect)", async () => {
    const token = await tokens.sign({ subject: "protocols-user", role: "brand", brandId: "acme" });
    const grpc = createWaybill({ baseUrl: second.url, token, protocol: "grpc", rateLimitRetry: false });
    await Promise.all(Array.from({ length: 20 }, () => getItem(grpc)));
    const refusal = await grpc.inventory.getItem({ brandId: "acme", sku: "RATE-1" }).catch(ConnectError.from);
    expect(refusal).toBeInstanceOf(ConnectError);
    const error = refusal as ConnectError;
    expect(error.code).toBe(Code.ResourceExhausted);
    expect(error.rawMessage).toMatch(
      /^rate limit exceeded: this brand token may send 20 requests per hour \(bursts of 20\) - retry in/,
    );
    const [info] = error.findDetails(RetryInfoSchema);
    expect(Number(info?.retryDelay?.seconds)).toBeGreaterThan(60);
    expect(retryDelayMs(error)).toBeGreaterThan(60_000);

    const response = await fetch(`${first.url}/waybill.inventory.v1.InventoryService/GetItem`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ brandId: "acme", sku: "RATE-1" }),
    });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(60);
    const body = (await response.json()) as { code: string; details: { type: string }[] };
    expect(body.code).toBe("resource_exhausted");
    expect(body.details.map((detail) => detail.type)).toEqual(["google.rpc.RetryInfo"]);
  });

  it("counts calls without a valid token per address, before saying UNAUTHENTICATED; never health", async () => {
    const forged = createWaybill({ baseUrl: first.url, token: "not-a-token", rateLimitRetry: false });
    const outcomes: ("ok" | Code)[] = [];
    for (let call = 0; call < 8; call++) outcomes.push(await getItem(forged));
    expect(outcomes).toEqual([...Array(5).fill(Code.Unauthenticated), ...Array(3).fill(Code.ResourceExhausted)]);
    // The address's budget is spent on both replicas; health still answers, for load balancers.
    expect(await getItem(createWaybill({ baseUrl: second.url, token: "x", rateLimitRetry: false }))).toBe(
      Code.ResourceExhausted,
    );
    const health = await fetch(`${second.url}/grpc.health.v1.Health/Check`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(health.status).toBe(200);
  });

  it("behind TRUSTED_PROXY_HOPS proxies, counts the address they report, never the client's own entries", async () => {
    const proxied = await spawnWaybill(env, { ...variables, RATE_LIMITS: "anonymous=2/h:2", TRUSTED_PROXY_HOPS: "1" });
    try {
      const badTokenFrom = async (forwardedFor: string) => {
        const response = await fetch(`${proxied.url}/waybill.inventory.v1.InventoryService/GetItem`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: "Bearer x", "x-forwarded-for": forwardedFor },
          body: JSON.stringify({ brandId: "acme", sku: "RATE-1" }),
        });
        return response.status;
      };
      expect([await badTokenFrom("198.51.100.1"), await badTokenFrom("198.51.100.1")]).toEqual([401, 401]);
      // An entry written by the client (left of the proxy's) changes nothing.
      expect(await badTokenFrom("203.0.113.77, 198.51.100.1")).toBe(429);
      // Another client behind the same proxy has its own budget.
      expect(await badTokenFrom("198.51.100.2")).toBe(401);
    } finally {
      await proxied.kill("SIGTERM");
    }
  });

  it("never limits service-to-service tokens, nor a role set to off", async () => {
    for (const principal of [
      { subject: "orders", role: "service" as const },
      { subject: "ops-loop", role: "admin" as const },
    ]) {
      const client = createWaybill({ baseUrl: first.url, token: await tokens.sign(principal), rateLimitRetry: false });
      const outcomes = await Promise.all(Array.from({ length: 40 }, () => getItem(client)));
      expect(outcomes.every((outcome) => outcome === "ok")).toBe(true);
    }
  });

  it("the SDK waits the RetryInfo delay and retries, unless the call's deadline comes first", async () => {
    // key:patient-brand: a burst of 1 and a token every 6 s.
    const token = await tokens.sign({ subject: "patient-brand", role: "brand", brandId: "acme" });
    const attempts: number[] = [];
    const timeouts: (string | null)[] = [];
    const countAttempts: Interceptor = (next) => async (req) => {
      attempts.push(Date.now());
      timeouts.push(req.header.get("connect-timeout-ms"));
      return next(req);
    };
    const patient = createWaybill({ baseUrl: second.url, token, interceptors: [countAttempts] });
    // Taken before the call: the server spends the token before it answers.
    const spentAt = Date.now();
    expect(await getItem(patient)).toBe("ok");
    // A deadline shorter than the wait: the refusal itself, at once, after one attempt.
    const before = attempts.length;
    const hurried = await patient.inventory
      .getItem({ brandId: "acme", sku: "RATE-1" }, { timeoutMs: 3_000 })
      .catch(ConnectError.from);
    const retried = attempts.length;
    if (Date.now() - spentAt < 6_000) {
      expect((hurried as ConnectError).code).toBe(Code.ResourceExhausted);
      expect(retried - before).toBe(1);
    }
    const retriedCall = await patient.inventory.getItem({ brandId: "acme", sku: "RATE-1" }, { timeoutMs: 20_000 });
    expect(retriedCall.item?.sku).toBe("RATE-1");
    // Refused first and retried after the wait - unless the machine stalled 6 s in between.
    const tries = attempts.length - retried;
    if (tries === 1) expect(attempts.at(-1)! - spentAt).toBeGreaterThanOrEqual(6_000);
    else {
      expect(tries).toBe(2);
      // The retry tells the server the time left, not the whole timeout again.
      expect(timeouts.at(-2)).toBe("20000");
      // (a few ms either way: the SDK and this interceptor read the clock at different moments)
      expect(Number(timeouts.at(-1))).toBeLessThanOrEqual(20_000 - (attempts.at(-1)! - attempts.at(-2)!) + 10);
    }
    expect(attempts.at(-1)! - spentAt).toBeGreaterThanOrEqual(5_900);
  }, 30_000);
});
