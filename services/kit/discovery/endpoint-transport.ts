import type { ClientHttp2Stream, OutgoingHttpHeaders } from "node:http2";
import { connect as netConnect, type Socket } from "node:net";
import { connect as tlsConnect } from "node:tls";
import { ConnectError, type Transport } from "@connectrpc/connect";
import { createGrpcTransport, Http2SessionManager } from "@connectrpc/connect-node";
import type { PeerEndpoint } from "./resolve-peers.js";

/** A gRPC transport to one endpoint, with no interceptors (the balancing transport runs them). */
export interface EndpointTransport {
  readonly endpoint: PeerEndpoint;
  readonly transport: Transport;
  /** Closes its connection if no call is open on it (an endpoint DNS no longer lists). */
  closeIfIdle(): void;
}

/** Errors thrown before any HTTP/2 stream existed: the request never left this process. */
const notSentErrors = new WeakSet<object>();

/**
 * Whether `error` provably means the request did not reach the server: the connection could not
 * be made (refused, reset or timed out while connecting, TLS refused) or no stream could be opened
 * on it. Only then may a call go to another endpoint without the caller's retry policy deciding.
 */
export function wasNotSent(error: unknown): boolean {
  return typeof error === "object" && error !== null && (notSentErrors.has(error) || wasRefusedStream(error));
}

/**
 * A stream the server reset with REFUSED_STREAM was not processed (RFC 9113 §8.7): a server that
 * is closing (its GOAWAY raced the call) or at its stream limit refuses it, and another may take it.
 */
function wasRefusedStream(error: object): boolean {
  return error instanceof ConnectError && /REFUSED_STREAM/.test(`${error.rawMessage} ${String(error.cause)}`);
}

/**
 * A Connect gRPC transport (`createGrpcTransport`) to one endpoint. The URL keeps the target's
 * host name (the `:authority`, the TLS server name), while the socket goes to the endpoint's
 * address; a connection not made within `connectTimeoutMs` fails like a refused one.
 */
export function createEndpointTransport(endpoint: PeerEndpoint, connectTimeoutMs: number): EndpointTransport {
  const { target } = endpoint;
  // Pings find a peer that went silent without a reset (host down, partition): its session fails
  // and the endpoint is set aside instead of holding calls until their deadlines.
  const sessions = new Http2SessionManager(
    target.baseUrl,
    { pingIntervalMs: 10_000, pingTimeoutMs: 5_000 },
    {
      createConnection: () => connectSocket(endpoint, connectTimeoutMs),
    },
  );
  const marking = {
    authority: sessions.authority,
    async request(
      method: string,
      path: string,
      headers: OutgoingHttpHeaders,
      options: Parameters<Http2SessionManager["request"]>[3],
    ): Promise<ClientHttp2Stream> {
      try {
        return await sessions.request(method, path, headers, options);
      } catch (error) {
        // No stream was opened, so not one byte of this request was written.
        if (typeof error === "object" && error !== null) notSentErrors.add(error);
        throw error;
      }
    },
    notifyResponseByteRead: (stream: ClientHttp2Stream) => sessions.notifyResponseByteRead(stream),
  };
  return {
    endpoint,
    transport: createGrpcTransport({ baseUrl: target.baseUrl, sessionManager: marking }),
    closeIfIdle() {
      const state = sessions.state();
      if (state === "idle" || state === "error") sessions.abort();
    },
  };
}

/** A socket to the endpoint's address (TLS with the target's host name for https). */
function connectSocket(endpoint: PeerEndpoint, connectTimeoutMs: number): Socket {
  const { target, address } = endpoint;
  const socket =
    target.protocol === "https:"
      ? tlsConnect({
          host: address,
          port: target.port,
          ALPNProtocols: ["h2"],
          ...(target.address === undefined ? { servername: target.hostname } : {}),
        })
      : netConnect({ host: address, port: target.port });
  // Node waits for the kernel's connect timeout (minutes) on an address that drops packets.
  socket.setTimeout(connectTimeoutMs, () => {
    socket.destroy(Object.assign(new Error(`connect to ${address} timed out`), { code: "ETIMEDOUT" }));
  });
  socket.once(target.protocol === "https:" ? "secureConnect" : "connect", () => socket.setTimeout(0));
  return socket;
}
