import { constants as http2Constants } from "node:http2";
import { Code, ConnectError } from "@connectrpc/connect";
import type { Principal } from "../auth/principal.js";
import type { RateLimitCheck } from "../rate-limits/rate-limit-check.js";
import { callerAddressOf } from "./caller-address.js";
import type { DualHandler } from "./one-port-listener.js";
import { createRefusalCounter } from "./refusal-counter.js";
import { refuseRequest, requestComplete } from "./refuse-request.js";
import { limitRequestBody } from "./request-body-limit.js";

/** What {@link gateRequests} checks before a handler may read a request's body. */
export interface RequestGateOptions {
  /** The largest request message, in bytes, compressed or not (`REQUEST_MAX_BYTES`). */
  readonly maxBytes: number;
  /** The deepest nesting of a JSON request message (REQUEST_MAX_JSON_DEPTH); unset: not checked. */
  readonly maxJsonDepth?: number | undefined;
  /** Whether a path (`/package.Service/Method`) may be called without a token. */
  readonly isPublic: (path: string) => boolean;
  /**
   * Whether a path needs no token but is charged to the caller's address (the development
   * sign-in): public, but not free. Unset: none.
   */
  readonly isAddressLimited?: (path: string) => boolean;
  /**
   * Checks the `Authorization` header: resolves to the token's principal or to the refusal
   * (UNAUTHENTICATED). Roles are left to the auth interceptor.
   */
  readonly authenticate: (authorization: string | undefined) => Promise<Principal | ConnectError>;
  /**
   * Whether checking the `Authorization` header would cost a database read (an API key not held
   * in memory): such a call is charged to its address's rate limit before the check, so made-up
   * keys are limited like calls without a token. Unset: never.
   */
  readonly checkCostsRead?: (authorization: string | undefined) => boolean;
  /**
   * The caller's rate limit, checked once its token is known: per principal, or per client
   * address for invalid tokens (answered before UNAUTHENTICATED). Public paths are not limited.
   */
  readonly limitRate?: RateLimitCheck;
  /** Proxies of one's own in front (`TRUSTED_PROXY_HOPS`): see {@link callerAddressOf}. */
  readonly trustedProxyHops?: number;
}

// A gRPC or Connect streaming body carries its message behind a 5-byte envelope prefix.
const envelopePrefixBytes = 5;

/**
 * Puts the cheap checks in front of `handler`, before anything reads the body: the bearer token
 * (except for public paths) and a declared `Content-Length` over the limit are refused at once in
 * the caller's protocol; a body without a length is counted as it arrives and cut off once over.
 * connect-es reads a unary body before its interceptors run, so without this an anonymous caller
 * could make the server read and inflate any body.
 */
export function gateRequests(handler: DualHandler, options: RequestGateOptions): DualHandler {
  const rawMaxBytes = options.maxBytes + envelopePrefixBytes;
  const countRefusal = createRefusalCounter();
  const refuse: typeof refuseRequest = (req, res, error, drainBytes) => {
    countRefusal(error);
    refuseRequest(req, res, error, drainBytes);
  };
  return (req, res) => {
    const path = (req.url ?? "").split("?")[0] ?? "";
    const check = admit(options, path, req.headers.authorization, () => callerAddressOf(req, options.trustedProxyHops));
    check.then(
      (refusal) => {
        const declared = Number(req.headers["content-length"] ?? 0);
        // The caller left while its token was checked: the handler would never hear of it.
        if (req.destroyed || ("stream" in res ? res.stream.destroyed : res.destroyed)) return;
        // A body of allowed size may be read and dropped: its sender then hears the refusal.
        if (refusal) return refuse(req, res, refusal, declared > rawMaxBytes ? undefined : rawMaxBytes);
        if (declared > rawMaxBytes) {
          return refuse(req, res, tooLarge(`of ${declared} bytes`, options.maxBytes));
        }
        limitRequestBody(req, res, rawMaxBytes, () => tooLarge("", options.maxBytes), {
          maxJsonDepth: options.maxJsonDepth,
          onRefusal: countRefusal,
        });
        // An answer given before the whole body came (a refusal by connect-es): stop the client
        // sending the rest. HTTP/1.1 closes the connection itself (`limitRequestBody`); on HTTP/2
        // the stream is reset once its trailers, the answer's last frame, are queued.
        if ("stream" in res) {
          const stream = res.stream;
          stream.once("wantTrailers", () =>
            setImmediate(() => {
              if (!requestComplete(req) && !stream.closed) stream.close(http2Constants.NGHTTP2_NO_ERROR);
            }),
          );
        }
        handler(req, res);
      },
      () => refuse(req, res, new ConnectError("the token could not be checked", Code.Internal)),
    );
  };
}

/**
 * The token, then the rate limit of whoever the token (or, without a valid one, the address)
 * names. Public paths (health) are never limited: a load balancer's probes share an address with
 * everyone behind it, and must not be refused because someone else spent that address's budget.
 */
async function admit(
  options: RequestGateOptions,
  path: string,
  authorization: string | undefined,
  address: () => string,
): Promise<ConnectError | undefined> {
  if (options.isPublic(path)) return undefined;
  if (options.isAddressLimited?.(path)) return options.limitRate?.({ kind: "address", address: address() });
  // A check that reads the database is paid for by the address first (and only once).
  const precharged = options.limitRate !== undefined && options.checkCostsRead?.(authorization) === true;
  if (precharged) {
    const refused = await options.limitRate?.({ kind: "address", address: address() });
    if (refused) return refused;
  }
  const caller = await options.authenticate(authorization);
  if (caller instanceof ConnectError) {
    if (precharged) return caller;
    return (await options.limitRate?.({ kind: "address", address: address() })) ?? caller;
  }
  return options.limitRate?.({ kind: "principal", principal: caller });
}

function tooLarge(size: string, maxBytes: number): ConnectError {
  const what = size ? `the request body ${size}` : "the request body";
  return new ConnectError(
    `${what} is larger than the limit of ${maxBytes} bytes (REQUEST_MAX_BYTES)`,
    Code.ResourceExhausted,
  );
}
