import { create } from "@bufbuild/protobuf";
import type { HandlerContext } from "@connectrpc/connect";
import { StartSimulationRequestSchema } from "@waybill/contracts/waybill/dev/v1/simulator_pb.js";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { createTokenIssuer } from "../auth/index.js";
import { DomainError } from "../errors/index.js";
import { createDevSimulator } from "./dev-simulator-service.js";

describe("the simulator of a process shutting down", () => {
  it("refuses a start once its stop began, though the shutdown signal is not aborted yet", async () => {
    const simulator = createDevSimulator({
      tokens: createTokenIssuer("a-secret-of-at-least-thirty-two-characters"),
      baseUrl: () => "http://127.0.0.1:1",
      servesEverything: true,
      shutdownSignal: new AbortController().signal,
      logger: pino({ level: "silent" }),
      webhookPort: 1,
    });
    await simulator.stop();
    const start = simulator.service.implementation.startSimulation as unknown as (
      request: unknown,
      context: HandlerContext,
    ) => unknown;
    let refusal: unknown;
    try {
      start(create(StartSimulationRequestSchema, { ratePerSecond: 1 }), {} as HandlerContext);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ kind: "unavailable", message: "the process is shutting down" });
  });
});
