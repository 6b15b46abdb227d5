import { createServer as createHttp1Server, type IncomingMessage, type ServerResponse } from "node:http";
import {
  createServer as createHttp2Server,
  type Http2ServerRequest,
  type Http2ServerResponse,
  type Http2Session,
} from "node:http2";
import { type AddressInfo, createServer as createNetServer, type Socket } from "node:net";
import type { ConnectionLimits } from "./connection-limits.js";
import { guardHttp2Session } from "./guard-http2-session.js";

/** A request handler both HTTP/1.1 and HTTP/2 requests are given to. */
export type DualHandler = (
  req: IncomingMessage | Http2ServerRequest,
  res: ServerResponse | Http2ServerResponse,
) => void;

/** A cleartext listener speaking HTTP/1.1 and HTTP/2 (h2c, prior knowledge) on one port. */
export interface OnePortListener {
  /** The bound address (useful with port 0). */
  readonly address: AddressInfo;
  /** Number of requests not yet answered. */
  inFlight(): number;
  /**
   * Stops accepting connections, lets in-flight requests finish for up to `graceMs`, then
   * destroys whatever is left (long-lived streams).
   */
  close(graceMs: number): Promise<void>;
}

// Every HTTP/2 connection opens with this preface; no HTTP/1.1 method starts with "PRI".
const http2Preface = "PRI * HTTP/2.0";

/**
 * Listens on one port and hands each connection to an HTTP/2 or an HTTP/1.1 server after peeking
 * at its first bytes. Node cannot serve both on one cleartext port by itself, and gRPC clients
 * need h2c while browsers and `fetch` speak HTTP/1.1. Every connection is held to `limits`.
 *
 * @example
 * const listener = await listenOnePort({ host: "127.0.0.1", port: 8080, handler, limits });
 */
export async function listenOnePort(options: {
  readonly host: string;
  readonly port: number;
  readonly handler: DualHandler;
  readonly limits: ConnectionLimits;
}): Promise<OnePortListener> {
  const { limits } = options;
  let inFlight = 0;
  const counted: DualHandler = (req, res) => {
    inFlight++;
    res.once("close", () => inFlight--);
    options.handler(req, res);
  };
  const http1 = createHttp1Server(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // Node checks headersTimeout and requestTimeout on this period (30 s by default).
      connectionsCheckingInterval: Math.max(10, Math.min(1_000, Math.floor(limits.headersTimeoutMs / 4))),
    },
    counted,
  );
  // Node starts tracking connections for those two timeouts when its server starts listening,
  // which this one never does (sockets are handed to it): start it by hand.
  http1.emit("listening");
  const http2 = createHttp2Server({ settings: { maxConcurrentStreams: limits.http2MaxConcurrentStreams } }, counted);
  const sockets = new Set<Socket>();
  const sessions = new Set<Http2Session>();
  http2.on("session", (session) => {
    sessions.add(session);
    session.once("close", () => sessions.delete(session));
    guardHttp2Session(session, limits);
  });

  const perAddress = new Map<string, number>();
  const net = createNetServer((socket) => {
    // A client resetting the connection before a server owns the socket must not crash the process.
    socket.on("error", () => socket.destroy());
    const address = socket.remoteAddress ?? "";
    const open = (perAddress.get(address) ?? 0) + 1;
    if (limits.maxConnectionsPerAddress > 0 && open > limits.maxConnectionsPerAddress) {
      socket.destroy();
      return;
    }
    perAddress.set(address, open);
    sockets.add(socket);
    socket.once("close", () => {
      sockets.delete(socket);
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left > 0) perAddress.set(address, left);
      else perAddress.delete(address);
    });
    dispatch(socket);
  });
  net.maxConnections = limits.maxConnections;

  /** Reads until the first bytes tell the protocol apart, then hands the socket over. */
  function dispatch(socket: Socket): void {
    const silent = () => socket.destroy();
    socket.setTimeout(limits.firstBytesTimeoutMs);
    socket.once("timeout", silent);
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const start = head.subarray(0, http2Preface.length).toString("latin1");
      // Too few bytes to tell yet: a prefix of the preface could still be either.
      if (start.length < http2Preface.length && http2Preface.startsWith(start)) return;
      socket.off("data", onData);
      socket.off("timeout", silent);
      socket.setTimeout(0);
      socket.pause();
      socket.unshift(head);
      if (start === http2Preface) {
        // The HTTP/2 session reads the socket's native handle and first feeds it the buffered
        // bytes; resuming the JS stream here would swallow the preface.
        http2.emit("connection", socket);
      } else {
        http1.emit("connection", socket);
        socket.resume();
      }
    };
    socket.on("data", onData);
  }

  await new Promise<void>((resolve, reject) => {
    net.once("error", reject);
    net.listen(options.port, options.host, () => {
      net.off("error", reject);
      resolve();
    });
  });

  return {
    address: net.address() as AddressInfo,
    inFlight: () => inFlight,
    async close(graceMs) {
      const closed = new Promise<void>((resolve) => net.close(() => resolve()));
      for (const session of sessions) session.close();
      http1.closeIdleConnections();
      // Stops the connection checks started above; the server never listened, hence the error.
      http1.close(() => undefined);
      const deadline = Date.now() + graceMs;
      while (inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
