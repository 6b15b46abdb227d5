import type { IncomingMessage, ServerResponse } from "node:http";
import type { Http2ServerRequest, Http2ServerResponse } from "node:http2";
import type { ConnectError } from "@connectrpc/connect";
import { guardJsonNesting, jsonTooDeep } from "./json-nesting-guard.js";
import { requestComplete } from "./refuse-request.js";

/** Further checks {@link limitRequestBody} makes on a body as it arrives. */
export interface RequestBodyLimitOptions {
  /**
   * The deepest nesting of objects and arrays allowed in a JSON request message
   * (`REQUEST_MAX_JSON_DEPTH`); deeper is refused with INVALID_ARGUMENT before connect-es parses
   * it. Unset: not checked.
   */
  readonly maxJsonDepth?: number | undefined;
  /** Told of each refusal (to count it). */
  readonly onRefusal?: (error: ConnectError) => void;
}

/**
 * Makes `req`, read as an async iterable (as connect-node reads bodies), count its bytes and
 * throw `tooLarge()` once more than `maxBytes` arrived, so a body of unknown length is cut off
 * without being buffered. With `maxJsonDepth`, a JSON body's nesting is followed too and a
 * message nesting deeper is refused before connect-es gets its last byte (`JSON.parse` would
 * build it whole). The iterator does not destroy the request when the reader stops, so the
 * refusal can still be written; on HTTP/1.1 the answer then closes the connection instead of
 * letting Node read and discard the rest.
 */
export function limitRequestBody(
  req: IncomingMessage | Http2ServerRequest,
  res: ServerResponse | Http2ServerResponse,
  maxBytes: number,
  tooLarge: () => ConnectError,
  options: RequestBodyLimitOptions = {},
): void {
  const chunks = req.iterator({ destroyOnReturn: false });
  const maxJsonDepth = options.maxJsonDepth;
  const nesting = maxJsonDepth === undefined ? undefined : guardJsonNesting(req.headers, maxJsonDepth, maxBytes);
  const refusal = (error: ConnectError): ConnectError => {
    options.onRefusal?.(error);
    if (!("stream" in res) && !res.headersSent && !requestComplete(req)) res.setHeader("connection", "close");
    return error;
  };
  async function* counted(): AsyncGenerator<Buffer> {
    let count = 0;
    for await (const chunk of chunks as AsyncIterable<Buffer>) {
      count += chunk.byteLength;
      if (count > maxBytes) throw refusal(tooLarge());
      if (nesting && !(await nesting.write(chunk))) throw refusal(jsonTooDeep(maxJsonDepth ?? 0));
      yield chunk;
    }
    if (nesting && !(await nesting.end())) throw refusal(jsonTooDeep(maxJsonDepth ?? 0));
  }
  Object.defineProperty(req, Symbol.asyncIterator, { configurable: true, value: counted });
}
