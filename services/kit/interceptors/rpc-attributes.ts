import { Code, ConnectError } from "@connectrpc/connect";
import type { Attributes } from "@opentelemetry/api";

/**
 * The OpenTelemetry semantic conventions for Connect RPC (semconv v1.45, checked against the
 * conventions' repository): `rpc.system.name` "connectrpc", `rpc.method` "package.Service/Method",
 * `rpc.status_code` the Connect code in snake_case ("ok" on success), and `error.type` only when
 * the call failed. A server counts as failed only on the codes that are its fault; a client on
 * every code but ok.
 */
export const rpcSystemName = "connectrpc";

/** The buckets (seconds) the conventions advise for `rpc.server.call.duration` and its client twin. */
export const rpcDurationBuckets: readonly number[] = [
  0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
];

/** The codes the Connect conventions count as a server's failure; a refusal such as not_found is not one. */
const serverFaults: ReadonlySet<Code> = new Set([
  Code.Unknown,
  Code.DeadlineExceeded,
  Code.Unimplemented,
  Code.Internal,
  Code.Unavailable,
  Code.DataLoss,
]);

/** Which end of a call observes it: the side decides which codes are failures. */
export type RpcSide = "server" | "client";

/** `rpc.system.name` and `rpc.method` of a call, known when it starts. */
export function callAttributes(req: {
  readonly service: { readonly typeName: string };
  readonly method: { readonly name: string };
}): Attributes {
  return { "rpc.system.name": rpcSystemName, "rpc.method": `${req.service.typeName}/${req.method.name}` };
}

/**
 * A Connect code as the protocol writes it: `FailedPrecondition` → `failed_precondition`; a call
 * that ended without error is `ok`.
 */
export function statusCodeOf(error: unknown): string {
  if (error === undefined) return "ok";
  const code = ConnectError.from(error).code;
  const name = Code[code];
  return typeof name === "string"
    ? name.replace(/[A-Z]/g, (c, at: number) => (at === 0 ? "" : "_") + c.toLowerCase())
    : String(code);
}

/** True when the call failed from `side`'s point of view (see {@link rpcSystemName}). */
export function isFailure(side: RpcSide, error: unknown): boolean {
  if (error === undefined) return false;
  return side === "client" || serverFaults.has(ConnectError.from(error).code);
}

/** `rpc.status_code`, and `error.type` (the same code) when the call failed for `side`. */
export function outcomeAttributes(side: RpcSide, error: unknown): Attributes {
  const code = statusCodeOf(error);
  return isFailure(side, error) ? { "rpc.status_code": code, "error.type": code } : { "rpc.status_code": code };
}

/**
 * `server.address` and `server.port` of the URL a call was sent to. Connect's in-memory router
 * transport (services in one process) uses the placeholder host `in-memory`: no address was
 * used, so none is written, as the conventions ask.
 */
export function serverAddressOf(url: string): Attributes {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return {};
  }
  if (parsed.hostname === "in-memory" || parsed.hostname === "") return {};
  const port = parsed.port === "" ? (parsed.protocol === "https:" ? 443 : 80) : Number(parsed.port);
  return { "server.address": parsed.hostname.replace(/^\[(.*)\]$/, "$1"), "server.port": port };
}
