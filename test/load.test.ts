import { type ChildProcess, spawn } from "node:child_process";
import { OrderStatus } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import type { Waybill } from "@waybill/sdk";
import { createWaybill } from "@waybill/sdk/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mixSchedule, operationKinds, parseMix } from "../load/operation-mix.js";
import { parseDuration } from "../load/option-parsers.js";
import type { LoadReport } from "../load/report.js";
import { createTokenIssuer } from "../services/kit/auth/index.js";
import { createIsolatedEnvironment, type IsolatedEnvironment } from "./support/isolated-environment.js";
import { allPages } from "./support/pages.js";
import { waitFor } from "./support/wait-for.js";
import { spawnWaybill, type WaybillProcess } from "./support/waybill-process.js";

// `npm run load` as a user runs it: a child process against Waybill in a process of its own,
// then the report checked against what Waybill holds. It asserts what ran, never how fast.

const root = new URL("..", import.meta.url).pathname;
const secret = "load-test-secret-of-at-least-thirty-two-characters";
const brandId = "load";
// Generous: a slow answer on a busy machine must not turn into an error the test counts.
const timeout = ["--timeout", "60s"];

interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the load generator (through `npm run` unless `direct`), the secret in its environment. */
function startCli(args: readonly string[], direct = false): { child: ChildProcess; result: Promise<CliResult> } {
  const env: NodeJS.ProcessEnv = { ...process.env, AUTH_SECRET: secret, NODE_OPTIONS: "" };
  delete env.WAYBILL_TOKEN;
  const child = direct
    ? spawn(process.execPath, ["--conditions=@waybill/source", "--import", "tsx", "load/index.ts", ...args], {
        cwd: root,
        env,
      })
    : spawn("npm", ["run", "-s", "load", "--", ...args], { cwd: root, env });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const result = new Promise<CliResult>((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
  return { child, result };
}

/** Parses the `--json` document, failing with everything the run printed when it is not one. */
function reportOf(run: CliResult): LoadReport {
  expect(run.code, `${run.stderr}\n${run.stdout}`).toBe(0);
  return JSON.parse(run.stdout) as LoadReport;
}

/** Checks that the report's numbers add up: kinds to RPCs to overall, calls to ok and failed. */
function expectConsistent(report: LoadReport, operations: number): void {
  const kinds = Object.values(report.operations);
  const rpcs = Object.values(report.rpcs);
  expect(kinds.reduce((sum, kind) => sum + kind.count + kind.skipped, 0)).toBe(operations);
  expect(report.overall.count + report.overall.skipped).toBe(operations);
  expect(rpcs.reduce((sum, rpc) => sum + rpc.count, 0)).toBe(report.overall.count);
  for (const stats of [...kinds, ...rpcs, report.overall]) expect(stats.ok + stats.failed).toBe(stats.count);
  expect(report.operations.reads.count).toBe(
    report.rpcs.GetItem.count + report.rpcs.ListOrders.count + report.rpcs.GetOrder.count,
  );
}

describe("the load's options", () => {
  it("spreads a mix over the run in its exact shares, interleaved", () => {
    const kindAt = mixSchedule(parseMix("orders=60,stock=10,status=10,reads=20"));
    const kinds = Array.from({ length: 200 }, (_, index) => kindAt(index));
    const counts = Object.fromEntries(operationKinds.map((kind) => [kind, kinds.filter((k) => k === kind).length]));
    expect(counts).toEqual({ orders: 120, stock: 20, status: 20, reads: 40 });
    expect(kinds.slice(0, 10).filter((kind) => kind === "orders")).toHaveLength(6);
    expect(mixSchedule(parseMix("reads=1"))(7)).toBe("reads");
  });

  it("refuses mixes and durations that make no sense", () => {
    expect(() => parseMix("orders=60,nope=1")).toThrow('unknown operation "nope"');
    expect(() => parseMix("orders=1,orders=2")).toThrow("given twice");
    expect(() => parseMix("orders=1.5")).toThrow("whole number");
    expect(() => parseMix("orders=0")).toThrow("above 0");
    expect(() => parseMix("status=5,reads=5")).toThrow("give orders a weight too");
    expect(parseDuration("1.5m")).toBe(90_000);
    expect(parseDuration("250ms")).toBe(250);
    expect(parseDuration("45")).toBe(45_000);
    expect(() => parseDuration("0s")).toThrow("duration");
    expect(() => parseDuration("soon")).toThrow("duration");
  });
});

describe("npm run load", () => {
  let env: IsolatedEnvironment;
  let waybill: WaybillProcess;
  let admin: Waybill;
  const ordersOfBrand = () =>
    allPages(async (pageToken) => {
      const page = await admin.orders.listOrders({ brandId, page: { pageSize: 500, pageToken } });
      return [page.orders, page.page?.nextPageToken];
    });

  beforeAll(async () => {
    env = await createIsolatedEnvironment();
    waybill = await spawnWaybill(env, { AUTH_SECRET: secret });
    const token = await createTokenIssuer(secret).sign({ subject: "load-test", role: "admin" });
    admin = createWaybill({ baseUrl: waybill.url, token, protocol: "grpc" });
  }, 120_000);
  afterAll(async () => {
    await waybill?.kill("SIGTERM");
    await env?.cleanup();
  });

  it("sets up the brand and runs a closed loop of the whole mix, every order placed for real", async () => {
    const args = ["--url", waybill.url, "--setup", "--json", "--requests", "200", "--concurrency", "4"];
    const report = reportOf(await startCli([...args, ...timeout, "--items", "12", "--customers", "6"]).result);
    expect(report.load).toMatchObject({ mode: "closed", concurrency: 4, requests: 200 });
    expect(report.workload).toMatchObject({ origin: "setup", items: 12, customers: 6, currencyCode: "EUR" });
    expect(report.interrupted).toBe(false);
    expectConsistent(report, 200);
    // The default mix, 60/10/10/20, in exact shares (a status move with no order waiting is skipped).
    expect(report.operations.orders.count).toBe(120);
    expect(report.operations.stock.count).toBe(20);
    expect(report.operations.status.count + report.operations.status.skipped).toBe(20);
    expect(report.operations.reads.count).toBe(40);
    for (const kind of Object.values(report.operations)) expect(kind.ok).toBeGreaterThan(0);
    expect(report.errors).toEqual({});
    expect(report.overall.failed).toBe(0);

    const orders = await ordersOfBrand();
    expect(orders.length).toBeGreaterThanOrEqual(report.operations.orders.ok);
    // No courier takes them: each successful move is one kitchen step of an order still in the kitchen.
    const steps = orders.reduce(
      (sum, order) =>
        sum + (order.status === OrderStatus.PREPARING ? 1 : order.status === OrderStatus.READY_FOR_DISPATCH ? 2 : 0),
      0,
    );
    expect(steps).toBe(report.operations.status.ok);
  }, 180_000);

  it("finds the brand's items and customers again and runs an open loop over Connect", async () => {
    const before = (await ordersOfBrand()).length;
    const args = ["--url", waybill.url, "--json", "--rate", "40", "--requests", "30", "--protocol", "connect"];
    const report = reportOf(
      await startCli([...args, ...timeout, "--mix", "orders=50,stock=20,status=10,reads=20"]).result,
    );
    expect(report.load).toMatchObject({ mode: "open", ratePerSecond: 40, requests: 30 });
    expect(report.target.protocol).toBe("connect");
    expect(report.workload).toMatchObject({ origin: "discovered", items: 12, customers: 6 });
    expectConsistent(report, 30);
    expect(report.operations.orders.count).toBe(15);
    expect(report.errors).toEqual({});
    expect((await ordersOfBrand()).length).toBe(before + report.operations.orders.ok);
  }, 120_000);

  it("stops at Ctrl-C and still reports what ran", async () => {
    const before = (await ordersOfBrand()).length;
    const args = ["--url", waybill.url, "--json", "--rate", "20", "--duration", "3m", "--mix", "orders=1"];
    const { child, result } = startCli([...args, ...timeout], true);
    try {
      const placed = (orders: readonly unknown[]) => orders.length >= before + 5;
      expect(placed(await waitFor(ordersOfBrand, placed, 150_000, 500)), "orders of the run before Ctrl-C").toBe(true);
      child.kill("SIGINT");
      const run = await result;
      expect(run.code, run.stderr).toBe(130);
      const report = JSON.parse(run.stdout) as LoadReport;
      expect(report.interrupted).toBe(true);
      expect(report.operations.orders.ok).toBeGreaterThanOrEqual(5);
      expect(report.overall.count).toBe(report.operations.orders.count);
      expect((await ordersOfBrand()).length).toBe(before + report.operations.orders.ok);
    } finally {
      // A failed wait must not leave the load running.
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
  }, 240_000);

  it("refuses a bad flag with a message that says what is wrong", async () => {
    const [mix, concurrency] = await Promise.all([
      startCli(["--mix", "orders=60,bogus=5"], true).result,
      startCli(["--concurrency", "0"], true).result,
    ]);
    expect(mix.code).toBe(1);
    expect(mix.stderr).toContain('unknown operation "bogus"');
    expect(mix.stderr).toContain("--help");
    expect(mix.stdout).toBe("");
    expect(concurrency.code).toBe(1);
    expect(concurrency.stderr).toContain("--concurrency <n>");
    expect(concurrency.stderr).toContain("must be a whole number from 1");
  }, 60_000);
});
