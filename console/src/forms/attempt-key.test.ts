// @vitest-environment happy-dom
import { Code, ConnectError } from "@connectrpc/connect";
import { renderHook } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { isLastingFailure } from "../rpc/use-server-stream.js";
import { contentKey, useAttemptKey } from "./attempt-key.js";

describe("useAttemptKey", () => {
  it("keeps the key while the content is the same, and changes it with the content or after success", () => {
    const { result } = renderHook(() => useAttemptKey());
    const first = result.current.keyFor({ sku: "MUG-1", delta: 5n });
    expect(result.current.keyFor({ sku: "MUG-1", delta: 5n })).toBe(first);
    const changed = result.current.keyFor({ sku: "MUG-1", delta: 6n });
    expect(changed).not.toBe(first);
    result.current.settled();
    expect(result.current.keyFor({ sku: "MUG-1", delta: 6n })).not.toBe(changed);
  });

  it("writes 64-bit numbers as text", () => {
    expect(contentKey({ delta: 5n })).toBe('{"delta":"5n"}');
  });
});

describe("isLastingFailure", () => {
  it("stops a stream on answers a retry would get again, not on transient ones", () => {
    expect(isLastingFailure(new ConnectError("expired", Code.Unauthenticated))).toBe(true);
    expect(isLastingFailure(new ConnectError("no", Code.PermissionDenied))).toBe(true);
    expect(isLastingFailure(new ConnectError("down", Code.Unavailable))).toBe(false);
    expect(isLastingFailure(new ConnectError("busy", Code.ResourceExhausted))).toBe(false);
    expect(isLastingFailure(new TypeError("Failed to fetch"))).toBe(false);
  });
});
