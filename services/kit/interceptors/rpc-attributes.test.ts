import { Code, ConnectError } from "@connectrpc/connect";
import { describe, expect, it } from "vitest";
import { isFailure, outcomeAttributes, serverAddressOf, statusCodeOf } from "./rpc-attributes.js";

describe("RPC attributes by the Connect RPC conventions", () => {
  it("writes codes as the Connect protocol does, ok on success", () => {
    expect(statusCodeOf(undefined)).toBe("ok");
    expect(statusCodeOf(new ConnectError("x", Code.FailedPrecondition))).toBe("failed_precondition");
    expect(statusCodeOf(new ConnectError("x", Code.Canceled))).toBe("canceled");
    expect(statusCodeOf(new ConnectError("x", Code.DataLoss))).toBe("data_loss");
    expect(statusCodeOf(new Error("not a ConnectError"))).toBe("unknown");
  });

  it("counts only the server's faults as a server's failures, every code as a client's", () => {
    const faults = [
      Code.Unknown,
      Code.DeadlineExceeded,
      Code.Unimplemented,
      Code.Internal,
      Code.Unavailable,
      Code.DataLoss,
    ];
    for (const code of Object.values(Code).filter((c): c is Code => typeof c === "number")) {
      const error = new ConnectError("x", code);
      expect(isFailure("server", error)).toBe(faults.includes(code));
      expect(isFailure("client", error)).toBe(true);
    }
    expect(outcomeAttributes("server", new ConnectError("x", Code.NotFound))).toEqual({
      "rpc.status_code": "not_found",
    });
    expect(outcomeAttributes("client", new ConnectError("x", Code.NotFound))).toEqual({
      "rpc.status_code": "not_found",
      "error.type": "not_found",
    });
    expect(outcomeAttributes("server", undefined)).toEqual({ "rpc.status_code": "ok" });
  });

  it("names the server a call was sent to, and none for the in-memory transport", () => {
    expect(serverAddressOf("http://inventory.internal/a.B/C")).toEqual({
      "server.address": "inventory.internal",
      "server.port": 80,
    });
    expect(serverAddressOf("https://10.0.0.7:8443/a.B/C")).toEqual({
      "server.address": "10.0.0.7",
      "server.port": 8443,
    });
    expect(serverAddressOf("http://[::1]:8080/a.B/C")).toEqual({ "server.address": "::1", "server.port": 8080 });
    expect(serverAddressOf("https://in-memory/a.B/C")).toEqual({});
  });
});
