import type { IncomingMessage, ServerResponse } from "node:http";
import type { Http2ServerRequest, Http2ServerResponse } from "node:http2";
import type { ConnectError } from "@connectrpc/connect";

/**
 * Makes `req`, read as an async iterable (as connect-node reads bodies), count its bytes and
 * throw `tooLarge()` once more than `maxBytes` arrived, so a body of unknown length is cut off
 * without being buffered. The iterator does not destroy the request when the reader stops, so
 * the refusal can still be written; on HTTP/1.1 the answer then closes the connection instead of
 * letting Node read and discard the rest.
 */
export function limitRequestBody(
  req: IncomingMessage | Http2ServerRequest,
  res: ServerResponse | Http2ServerResponse,
  maxBytes: number,
  tooLarge: () => ConnectError,
): void {
  const chunks = req.iterator({ destroyOnReturn: false });
  async function* counted(): AsyncGenerator<Buffer> {
    let count = 0;
    for await (const chunk of chunks as AsyncIterable<Buffer>) {
      count += chunk.byteLength;
      if (count > maxBytes) {
        if (!("stream" in res) && !res.headersSent) res.setHeader("connection", "close");
        throw tooLarge();
      }
      yield chunk;
    }
  }
  Object.defineProperty(req, Symbol.asyncIterator, { configurable: true, value: counted });
}
