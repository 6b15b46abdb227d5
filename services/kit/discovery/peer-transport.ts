import type { Interceptor, Transport } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { createBalancingTransport } from "./balancing-transport.js";
import { createEndpointPool, type EndpointPoolOptions } from "./endpoint-pool.js";
import { isSingleAddress, parsePeerTargets } from "./peer-targets.js";

/**
 * The gRPC transport to a peer service at `urls`, a `<SERVICE>_URL` value. One URL whose host is
 * an IP address gets the plain `createGrpcTransport` it always had. A list, or a host name (a
 * Kubernetes headless Service, a compose service with replicas), gets a balancing transport over
 * every address, resolved again periodically and after failed connections.
 *
 * @example
 * const transport = createPeerTransport("http://inventory:8080", sdkInterceptors(options));
 */
export function createPeerTransport(
  urls: string,
  interceptors: readonly Interceptor[],
  options: Omit<EndpointPoolOptions, "targets"> = {},
): Transport {
  const targets = parsePeerTargets(urls);
  const [first] = targets;
  if (!first) throw new Error("no URL given");
  if (isSingleAddress(targets)) return createGrpcTransport({ baseUrl: first.baseUrl, interceptors: [...interceptors] });
  return createBalancingTransport({
    baseUrl: first.baseUrl,
    pool: createEndpointPool({ ...options, targets }),
    interceptors,
  });
}
