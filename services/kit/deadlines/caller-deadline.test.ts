import { Code, ConnectError } from "@connectrpc/connect";
import { afterEach, describe, expect, it, vi } from "vitest";
import { callerDeadline, deadlineOf } from "./caller-deadline.js";

/** The part of a Connect handler context a deadline reads. */
function contextWith(timeoutMs: number | undefined, signal = new AbortController().signal) {
  return { timeoutMs: () => timeoutMs, signal };
}

const codeOf = (run: () => void) => {
  try {
    run();
    return undefined;
  } catch (error) {
    return ConnectError.from(error).code;
  }
};

afterEach(() => vi.useRealTimers());

describe("callerDeadline", () => {
  it("takes the caller's timeout, capped by the maximum, and forwards what is left", () => {
    vi.useFakeTimers({ now: new Date("2030-01-01T00:00:00Z") });
    expect(callerDeadline(contextWith(5_000), { maxMs: 30_000 }).at?.toISOString()).toBe("2030-01-01T00:00:05.000Z");
    const capped = callerDeadline(contextWith(60_000), { maxMs: 30_000 });
    expect(capped.at?.toISOString()).toBe("2030-01-01T00:00:30.000Z");
    vi.setSystemTime(new Date("2030-01-01T00:00:20Z"));
    expect(capped.remainingMs()).toBe(10_000);
    expect(capped.callOptions().timeoutMs).toBe(10_000);
  });

  it("without a timeout nor a maximum never passes, and forwards no timeout", () => {
    const none = callerDeadline(contextWith(undefined));
    expect(none.at).toBeUndefined();
    expect(codeOf(() => none.check("holding the stock"))).toBeUndefined();
    expect(none.callOptions().timeoutMs).toBeUndefined();
  });

  it("finds its deadline passed after the process was frozen, though no timer fired", () => {
    vi.useFakeTimers({ now: new Date("2030-01-01T00:00:00Z") });
    const deadline = callerDeadline(contextWith(15_000), { maxMs: 30_000 });
    expect(codeOf(() => deadline.check("holding the stock"))).toBeUndefined();
    // The clock moves on while the process sleeps; timers run only when it wakes.
    vi.setSystemTime(new Date("2030-01-01T00:00:30Z"));
    expect(codeOf(() => deadline.check("recording the order"))).toBe(Code.DeadlineExceeded);
  });

  it("answers CANCELED when the caller went away, DEADLINE_EXCEEDED when its timer fired", () => {
    const gone = new AbortController();
    gone.abort(new ConnectError("client closed", Code.Canceled));
    expect(codeOf(() => deadlineOf(undefined, gone.signal).check("x"))).toBe(Code.Canceled);
    const timedOut = new AbortController();
    timedOut.abort(new ConnectError("the operation timed out", Code.DeadlineExceeded));
    expect(codeOf(() => deadlineOf(undefined, timedOut.signal).check("x"))).toBe(Code.DeadlineExceeded);
    expect(codeOf(() => deadlineOf(new Date(Date.now() - 1)).check("x"))).toBe(Code.DeadlineExceeded);
  });
});
