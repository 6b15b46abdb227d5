import { describe, expect, it } from "vitest";
import { createFaultQueue, parseFaults } from "./faults.js";

describe("fault queue", () => {
  it("hands out scripted faults in order to the requests they match, each as often as asked", () => {
    const queue = createFaultQueue();
    queue.add(parseFaults({ faults: [{ kind: "error", status: 500, method: "POST", times: 2 }, { kind: "lost" }] }));
    expect(queue.take("GET", "/v1/campaigns")).toMatchObject({ kind: "lost" });
    expect(queue.take("POST", "/v1/campaigns")).toMatchObject({ kind: "error" });
    expect(queue.pending()).toEqual([{ kind: "error", status: 500, method: "POST", times: 1 }]);
    expect(queue.take("POST", "/v1/campaigns")).toMatchObject({ kind: "error" });
    expect(queue.take("POST", "/v1/campaigns")).toBeUndefined();
  });

  it("matches paths by prefix and refuses faults it does not know", () => {
    const queue = createFaultQueue();
    queue.add([{ kind: "latency", delayMs: 5, path: "/v1/campaigns/" }]);
    expect(queue.take("GET", "/v1/campaigns")).toBeUndefined();
    expect(queue.take("PATCH", "/v1/campaigns/mp_1")).toMatchObject({ kind: "latency" });
    expect(() => parseFaults({ faults: [{ kind: "explode" }] })).toThrow(/kind/);
    expect(() => parseFaults({ faults: [{ kind: "error", status: -1 }] })).toThrow(/status/);
    expect(() => parseFaults([])).toThrow(/faults/);
  });

  it("adds random faults at the configured rates", () => {
    expect(createFaultQueue({ errorRate: 1 }).take("GET", "/")).toEqual({ kind: "error", status: 503 });
    expect(createFaultQueue({ lostRate: 1 }).take("GET", "/")).toEqual({ kind: "lost" });
    expect(createFaultQueue({}).take("GET", "/")).toBeUndefined();
  });
});
