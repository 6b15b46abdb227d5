import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { type Chaos, createFaultQueue, type Fault, parseFaults } from "./faults.js";
import { errorReply, handleApiRequest, type Reply } from "./simulator-api.js";
import { createSimulatorStore } from "./simulator-store.js";

/** Options of {@link startPlatformSimulator}. */
export interface PlatformSimulatorOptions {
  /** Interface to listen on (default 127.0.0.1). */
  readonly host?: string;
  /** Port (default 0: a free one). */
  readonly port?: number;
  /** Random faults on every request (none by default). */
  readonly chaos?: Chaos;
}

/** One API request as the simulator saw it, for tests and for watching by hand (`GET /_requests`). */
export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  /** The fault injected, if any. */
  readonly fault: Fault["kind"] | null;
  /** The status answered; null when the answer was lost. */
  readonly status: number | null;
}

/** A running simulator. */
export interface PlatformSimulator {
  /** Base URL, e.g. `http://127.0.0.1:4010`. */
  readonly url: string;
  readonly port: number;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/**
 * Starts a simulated ad platform: a real HTTP server with the campaign API of
 * {@link handleApiRequest}, an in-memory store and fault injection. Admin endpoints (never
 * faulted): `POST /_faults` with `{"faults": [...]}` queues faults (see {@link Fault}),
 * `GET /_faults` shows what is left, `DELETE /_faults` clears them; `GET /_requests` lists the API
 * requests seen, `DELETE /_requests` forgets them; `POST /_reset` empties everything;
 * `GET /health` answers ok.
 *
 * @example
 * const simulator = await startPlatformSimulator({ port: 4010 });
 * await fetch(`${simulator.url}/_faults`, { method: "POST", body: JSON.stringify({ faults: [{ kind: "error", status: 500 }] }) });
 */
export async function startPlatformSimulator(options: PlatformSimulatorOptions = {}): Promise<PlatformSimulator> {
  const store = createSimulatorStore();
  const faults = createFaultQueue(options.chaos);
  const seen: SeenRequest[] = [];

  async function api(request: IncomingMessage, response: ServerResponse, url: URL, body: unknown): Promise<void> {
    const method = request.method ?? "GET";
    const fault = faults.take(method, url.pathname);
    const record = (status: number | null) =>
      seen.push({ method, path: url.pathname, fault: fault?.kind ?? null, status });
    const latency = (fault?.kind === "latency" ? (fault.delayMs ?? 1_000) : 0) + (options.chaos?.latencyMs ?? 0);
    if (latency > 0) await sleep(latency);
    if (fault?.kind === "error")
      return send(response, errorReply(fault.status ?? 500, "injected", "injected failure"), record);
    if (fault?.kind === "rate_limit") {
      const retryAfter = String(fault.retryAfterSeconds ?? 1);
      return send(
        response,
        errorReply(429, "rate_limited", "too many requests", { "retry-after": retryAfter }),
        record,
      );
    }
    const idempotencyKey = request.headers["idempotency-key"];
    const reply = handleApiRequest(store, {
      method,
      path: url.pathname,
      query: url.searchParams,
      body,
      idempotencyKey: typeof idempotencyKey === "string" ? idempotencyKey : undefined,
    });
    if (fault?.kind === "lost") {
      record(null);
      request.socket.destroy();
      return;
    }
    send(response, reply, record);
  }

  function admin(request: IncomingMessage, response: ServerResponse, path: string, body: unknown): void {
    send(response, adminReply(`${request.method} ${path}`, body));
  }

  function adminReply(route: string, body: unknown): Reply {
    switch (route) {
      case "GET /health":
        return { status: 200, body: { status: "ok" } };
      case "GET /_faults":
        return { status: 200, body: { faults: faults.pending() } };
      case "POST /_faults":
        try {
          faults.add(parseFaults(body));
        } catch (error) {
          return errorReply(400, "invalid", (error as Error).message);
        }
        return { status: 200, body: { faults: faults.pending() } };
      case "DELETE /_faults":
        faults.clear();
        return { status: 204 };
      case "GET /_requests":
        return { status: 200, body: { requests: seen } };
      case "DELETE /_requests":
        seen.splice(0);
        return { status: 204 };
      case "POST /_reset":
        store.reset();
        faults.clear();
        seen.splice(0);
        return { status: 204 };
      default:
        return errorReply(404, "not_found", `no route ${route}`);
    }
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://simulator");
    readJson(request)
      .then(
        (body) =>
          url.pathname.startsWith("/v1/")
            ? api(request, response, url, body)
            : admin(request, response, url.pathname, body),
        () => send(response, errorReply(400, "invalid", "the body is not JSON")),
      )
      .catch(() => response.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  return {
    url: `http://${address.includes(":") ? `[${address}]` : address}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text === "" ? undefined : JSON.parse(text);
}

function send(response: ServerResponse, reply: Reply, record?: (status: number) => void): void {
  record?.(reply.status);
  const body = reply.body === undefined ? "" : JSON.stringify(reply.body);
  response.writeHead(reply.status, { ...(body ? { "content-type": "application/json" } : {}), ...reply.headers });
  response.end(body);
}
