import type { Interceptor } from "@connectrpc/connect";
import { sdkVersion } from "./user-agent-version.js";

/** The product token the SDK sends ahead of Connect's own, e.g. `waybill-sdk-js/0.1.0`. */
export const sdkUserAgent = `waybill-sdk-js/${sdkVersion}`;

/**
 * Names the SDK and its version in every request: `User-Agent: waybill-sdk-js/<version>
 * connect-es/<version>` where the transport sets a User-Agent (Node), and `X-User-Agent` everywhere
 * (browsers may not set User-Agent; `X-User-Agent` is in Connect's CORS allow-list, so it needs no
 * change to a server's CORS settings).
 *
 * @example
 * createConnectTransport({ baseUrl, interceptors: [userAgentInterceptor()] });
 */
export function userAgentInterceptor(): Interceptor {
  return (next) => (req) => {
    const userAgent = req.header.get("user-agent");
    if (userAgent !== null && !userAgent.startsWith(sdkUserAgent))
      req.header.set("user-agent", `${sdkUserAgent} ${userAgent}`);
    const xUserAgent = req.header.get("x-user-agent");
    if (xUserAgent === null) req.header.set("x-user-agent", sdkUserAgent);
    else if (!xUserAgent.startsWith(sdkUserAgent)) req.header.set("x-user-agent", `${sdkUserAgent} ${xUserAgent}`);
    return next(req);
  };
}
