import { Code, ConnectError, type StreamResponse, type UnaryResponse } from "@connectrpc/connect";
import type { Attributes } from "@opentelemetry/api";

/**
 * Client-span attributes by the OpenTelemetry conventions for Connect RPC: `rpc.system.name`
 * "connectrpc", `rpc.method` "package.Service/Method", `server.address` and `server.port` of the
 * URL called (none for Connect's in-memory transport, which uses no address).
 */
export function clientCallAttributes(req: {
  readonly service: { readonly typeName: string };
  readonly method: { readonly name: string };
  readonly url: string;
}): Attributes {
  return {
    "rpc.system.name": "connectrpc",
    "rpc.method": `${req.service.typeName}/${req.method.name}`,
    ...serverAddressOf(req.url),
  };
}

/**
 * `rpc.status_code`: the Connect code in snake_case (`failed_precondition`), `ok` on success; a
 * client counts every other code as a failure, so `error.type` carries it too.
 */
export function clientOutcomeAttributes(error: unknown): Attributes {
  if (error === undefined) return { "rpc.status_code": "ok" };
  const code = ConnectError.from(error).code;
  const name = Code[code];
  const text =
    typeof name === "string"
      ? name.replace(/[A-Z]/g, (c, at: number) => (at === 0 ? "" : "_") + c.toLowerCase())
      : String(code);
  return { "rpc.status_code": text, "error.type": text };
}

function serverAddressOf(url: string): Attributes {
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

/**
 * Runs a call and reports its end once: a unary call with its answer; a stream once its last
 * message is read, it fails, the reader stops early, or the call's signal aborts first.
 */
export async function observeClientCall(
  signal: AbortSignal,
  call: () => Promise<UnaryResponse | StreamResponse>,
  onEnd: (error: unknown) => void,
): Promise<UnaryResponse | StreamResponse> {
  let ended = false;
  const end = (error: unknown) => {
    if (ended) return;
    ended = true;
    signal.removeEventListener("abort", aborted);
    onEnd(error);
  };
  const aborted = () => end(ConnectError.from(signal.reason));
  let response: UnaryResponse | StreamResponse;
  try {
    response = await call();
  } catch (error) {
    end(error);
    throw error;
  }
  if (!response.stream) {
    end(undefined);
    return response;
  }
  signal.addEventListener("abort", aborted, { once: true });
  if (signal.aborted) aborted();
  const source = response.message;
  async function* observed() {
    let failure: unknown;
    try {
      yield* source;
    } catch (error) {
      failure = error;
      throw error;
    } finally {
      end(failure);
    }
  }
  return { ...response, message: observed() };
}
