import { type Http2Session, constants as http2Constants, type ServerHttp2Stream } from "node:http2";
import type { ConnectionLimits } from "./connection-limits.js";

/**
 * Applies the HTTP/2 limits Node has no option for to one session: the client's SETTINGS must
 * follow its preface in time, a session without open streams is closed once idle (a session
 * holding a long server stream is not idle, however quiet the stream), and each stream's request
 * must arrive in full within the request timeout.
 */
export function guardHttp2Session(
  session: Http2Session,
  limits: Pick<ConnectionLimits, "http2SettingsTimeoutMs" | "http2IdleTimeoutMs" | "requestTimeoutMs">,
): void {
  const settings = setTimeout(() => session.destroy(), limits.http2SettingsTimeoutMs).unref();
  session.once("remoteSettings", () => clearTimeout(settings));
  let open = 0;
  let idle: NodeJS.Timeout | undefined;
  const startIdle = () => {
    idle = setTimeout(() => session.close(), limits.http2IdleTimeoutMs).unref();
  };
  startIdle();
  session.on("stream", (stream: ServerHttp2Stream) => {
    open++;
    clearTimeout(idle);
    // A request that ended with its headers (no body) has arrived in full already.
    const request = setTimeout(() => stream.close(http2Constants.NGHTTP2_CANCEL), limits.requestTimeoutMs).unref();
    const received = () => clearTimeout(request);
    if (stream.endAfterHeaders) received();
    stream.once("end", received);
    stream.once("close", () => {
      received();
      open--;
      if (open === 0 && !session.closed && !session.destroyed) startIdle();
    });
  });
  session.once("close", () => {
    clearTimeout(settings);
    clearTimeout(idle);
  });
}
