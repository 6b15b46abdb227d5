import type {
  DescMessage,
  DescMethod,
  DescMethodStreaming,
  DescMethodUnary,
  MessageInitShape,
} from "@bufbuild/protobuf";
import { Code, ConnectError, createContextValues, type Interceptor, type Transport } from "@connectrpc/connect";
import { createAsyncIterable, createMethodUrl, runStreamingCall, runUnaryCall } from "@connectrpc/connect/protocol";
import { requestHeader } from "@connectrpc/connect/protocol-grpc";
import { connectionLossAsUnavailable } from "./connection-loss.js";
import type { EndpointPool } from "./endpoint-pool.js";
import { wasNotSent } from "./endpoint-transport.js";

/**
 * A Transport over several endpoints of one service. The interceptors (the SDK's retries among
 * them) run here, once per call as with any Connect transport, around the choice of an endpoint,
 * so each retry is sent to an endpoint the call has not tried yet when there is one. Within one
 * attempt, a failure that provably never reached a server (`wasNotSent`) sets the endpoint aside
 * and the request goes to the next one; any other failure is the caller's to judge (a connection
 * lost under the call as UNAVAILABLE, see `connectionLossAsUnavailable`).
 *
 * @example
 * const transport = createBalancingTransport({ baseUrl, pool, interceptors: sdkInterceptors(options) });
 */
export function createBalancingTransport(options: {
  /** The first URL of the list, for the requests' `url` that interceptors see. */
  readonly baseUrl: string;
  readonly pool: EndpointPool;
  readonly interceptors: readonly Interceptor[];
}): Transport {
  const { pool } = options;
  const interceptors = [...options.interceptors];

  /**
   * One attempt: endpoints in turn until one is reached or every one has refused (only the first
   * one without `failover`).
   */
  async function send<T>(
    tried: Set<string>,
    signal: AbortSignal,
    call: (transport: Transport) => Promise<T>,
    failover = true,
  ) {
    await pool.ready();
    const attempt = new Set<string>();
    let lastError: unknown;
    for (;;) {
      // One this call has not tried yet, else one this attempt has not; set-aside ones last.
      const next = pool.pick(new Set([...tried, ...attempt]), true) ?? pool.pick(attempt, true) ?? pool.pick(attempt);
      if (!next) throw lastError ?? new ConnectError("no address to call", Code.Unavailable);
      const { key } = next.endpoint;
      attempt.add(key);
      tried.add(key);
      try {
        const response = await call(next.transport);
        pool.reached(key);
        return response;
      } catch (error) {
        if (signal.aborted) throw error;
        if (!wasNotSent(error)) {
          const mapped = connectionLossAsUnavailable(error);
          // A connection lost under the call sets the endpoint aside; an answer (even an error) is contact.
          if (mapped === error) pool.reached(key);
          else pool.failed(key);
          throw mapped;
        }
        pool.failed(key);
        if (!failover) throw error;
        lastError = error;
      }
    }
  }

  /** What a unary call's and a stream's request share: the deadline, URL and headers of gRPC. */
  function requestOf(
    method: DescMethod,
    timeoutMs: number | undefined,
    header: HeadersInit | undefined,
    contextValues: ReturnType<typeof createContextValues> | undefined,
  ) {
    const deadline = timeoutMs === undefined || timeoutMs <= 0 ? undefined : timeoutMs;
    const request = {
      service: method.parent,
      requestMethod: "POST",
      url: createMethodUrl(options.baseUrl, method),
      header: requestHeader(true, deadline, header),
      contextValues: contextValues ?? createContextValues(),
    };
    return { deadline, request };
  }

  return {
    unary<I extends DescMessage, O extends DescMessage>(
      method: DescMethodUnary<I, O>,
      signal: AbortSignal | undefined,
      timeoutMs: number | undefined,
      header: HeadersInit | undefined,
      message: MessageInitShape<I>,
      contextValues?: ReturnType<typeof createContextValues>,
    ) {
      const { deadline, request } = requestOf(method, timeoutMs, header, contextValues);
      const tried = new Set<string>();
      return runUnaryCall<I, O>({
        interceptors,
        signal,
        timeoutMs: deadline,
        req: { ...request, stream: false, method, message },
        // The header already carries the time left (grpc-timeout): no second deadline below.
        next: (req) =>
          send(tried, req.signal, (t) =>
            t.unary(req.method, req.signal, undefined, req.header, req.message, req.contextValues),
          ),
      });
    },
    stream<I extends DescMessage, O extends DescMessage>(
      method: DescMethodStreaming<I, O>,
      signal: AbortSignal | undefined,
      timeoutMs: number | undefined,
      header: HeadersInit | undefined,
      input: AsyncIterable<MessageInitShape<I>>,
      contextValues?: ReturnType<typeof createContextValues>,
    ) {
      const { deadline, request } = requestOf(method, timeoutMs, header, contextValues);
      return runStreamingCall<I, O>({
        interceptors,
        signal,
        timeoutMs: deadline,
        req: { ...request, stream: true, method, message: input },
        next: async (req) => {
          // A server stream's one request is read first, so that another endpoint can be sent it
          // afresh; client and bidi streams get one endpoint, since their input is read as it goes.
          const single = method.methodKind === "server_streaming";
          const messages = single ? await collect(req.message) : undefined;
          return send(
            new Set<string>(),
            req.signal,
            (t) =>
              t.stream(
                req.method,
                req.signal,
                undefined,
                req.header,
                messages ? createAsyncIterable(messages) : req.message,
                req.contextValues,
              ),
            single,
          );
        },
      });
    },
  };
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}
