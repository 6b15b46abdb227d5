import { JetStreamApiError } from "@nats-io/jetstream";
import { errors } from "@nats-io/transport-node";
import { describe, expect, it } from "vitest";
import { DependencyUnavailableError } from "../database/index.js";
import { isNatsUnavailable, whileNatsAnswers } from "./nats-unavailable.js";

describe("NATS unavailable", () => {
  it("tells an outage from a wrong request", () => {
    expect(isNatsUnavailable(new errors.TimeoutError())).toBe(true);
    expect(isNatsUnavailable(new errors.ClosedConnectionError())).toBe(true);
    expect(isNatsUnavailable(new errors.NoRespondersError("$JS.API.STREAM.INFO.X"))).toBe(true);
    expect(
      isNatsUnavailable(new JetStreamApiError({ code: 503, err_code: 10039, description: "jetstream not enabled" })),
    ).toBe(true);
    expect(
      isNatsUnavailable(new JetStreamApiError({ code: 404, err_code: 10059, description: "stream not found" })),
    ).toBe(false);
    expect(isNatsUnavailable(new Error("a bug"))).toBe(false);
  });

  it("turns an outage into DependencyUnavailableError (UNAVAILABLE) and lets anything else through", async () => {
    const outage = whileNatsAnswers("127.0.0.1:4222", () => Promise.reject(new errors.TimeoutError()));
    await expect(outage).rejects.toBeInstanceOf(DependencyUnavailableError);
    await expect(outage).rejects.toMatchObject({ dependency: "NATS" });
    const bug = new Error("a bug");
    await expect(whileNatsAnswers("127.0.0.1:4222", () => Promise.reject(bug))).rejects.toBe(bug);
    expect(await whileNatsAnswers("127.0.0.1:4222", async () => 7)).toBe(7);
  });
});
