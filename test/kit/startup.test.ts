import { ConnectError, createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { Health, HealthCheckResponse_ServingStatus as Status } from "@waybill/contracts/grpc/health/v1/health_pb.js";
import { file_waybill_inventory_v1_events } from "@waybill/contracts/waybill/inventory/v1/events_pb.js";
import { InventoryService } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defineService, type RunningWaybill, startWaybill } from "../../services/kit/app/index.js";
import { defineSettings, loadConfig } from "../../services/kit/config/index.js";
import {
  createIsolatedEnvironment,
  createTestLogger,
  freePort,
  type IsolatedEnvironment,
  waitFor,
} from "../support/index.js";

describe("starting Waybill", () => {
  let env: IsolatedEnvironment;
  beforeAll(async () => {
    env = await createIsolatedEnvironment();
  });
  afterAll(() => env?.cleanup());

  it("binds its port before its workers start, and reports SERVING only once they run", async () => {
    let openGate: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      openGate = resolve;
    });
    let workerStarted = false;
    // A service whose one worker takes its time to start, as a consumer waiting for NATS would.
    const slowService = defineService({
      name: "inventory",
      descriptor: InventoryService,
      events: file_waybill_inventory_v1_events,
      migrations: {},
      settings: defineSettings({}, () => ({})),
      create: () => ({
        implementation: {},
        workers: [
          {
            start: async () => {
              await gate;
              workerStarted = true;
            },
            stop: async () => undefined,
          },
        ],
      }),
    });
    const variables = {
      DATABASE_URL: env.databaseUrl,
      NATS_URL: env.natsUrl,
      EVENT_PREFIX: env.prefix,
      AUTH_SECRET: "startup-test-secret-of-thirty-two-chars",
      PORT: String(await freePort()),
    };
    const config = loadConfig(variables, {}, [slowService]);
    const starting = startWaybill({ config, logger: createTestLogger(), catalog: [slowService], env: variables });
    let running: RunningWaybill | undefined;
    try {
      const health = createClient(Health, createGrpcTransport({ baseUrl: `http://127.0.0.1:${config.port}` }));
      const check = () =>
        health.check({ service: "waybill.inventory.v1.InventoryService" }).then(
          (response) => response.status,
          (error: unknown) => ConnectError.from(error).code,
        );
      // The port answers while the worker is still starting: NOT_SERVING, not a refused connection.
      expect(await waitFor(check, (status) => status === Status.NOT_SERVING)).toBe(Status.NOT_SERVING);
      expect(workerStarted).toBe(false);
      openGate();
      running = await starting;
      expect(workerStarted).toBe(true);
      expect(await check()).toBe(Status.SERVING);
    } finally {
      openGate();
      running ??= await starting.catch(() => undefined);
      await running?.stop();
    }
  });
});
