import type { DescService } from "@bufbuild/protobuf";
import { type ConnectRouter, createRouterTransport, type Interceptor, type Transport } from "@connectrpc/connect";
import { createWaybillClients, sdkInterceptors, type Waybill } from "@waybill/sdk";
import type { TokenIssuer } from "../auth/index.js";
import type { WaybillConfig } from "../config/index.js";
import { createPeerTransport } from "../discovery/index.js";
import { createClientMetricsInterceptor } from "../interceptors/index.js";

/** How the app exposes its own routes for in-memory calls. */
export interface LocalRoutes {
  /** Services registered in this process (known once all are built). */
  readonly localServices: () => ReadonlySet<string>;
  /** Registers this process's services on a router. */
  readonly routes: (router: ConnectRouter) => void;
  /** The server interceptors, so in-memory calls are authenticated and validated alike. */
  readonly interceptors: Interceptor[];
}

/**
 * Clients of the five services for a service calling another, authenticated as `service`.
 * A service running in this process is called through Connect's in-memory router transport
 * (same interceptors, no socket); any other is called over gRPC at its `<SERVICE>_URL`: one address,
 * or a list or a host name of several replicas, balanced with failover (`discovery/`), the SDK's
 * retries going to another replica. Each call has a client span (the SDK's) and is timed in
 * `rpc.client.call.duration`.
 *
 * @example
 * const { inventory } = createServiceClients({ caller: "orders", config, tokens, local });
 * await inventory.reserveStock({ orderId, brandId, lines });
 */
export function createServiceClients(options: {
  /** The calling service's name, the subject of its token. */
  readonly caller: string;
  /** Every known service, to find where a service answers. */
  readonly catalog: readonly { readonly name: string; readonly descriptor: DescService }[];
  readonly config: WaybillConfig;
  readonly tokens: TokenIssuer;
  readonly local: LocalRoutes;
}): Waybill {
  const token = cachedServiceToken(options.tokens, options.caller);
  // Timed beside the SDK's client span: `rpc.client.call.duration`, per attempt like the span.
  const interceptors = sdkInterceptors({ baseUrl: "", token, interceptors: [createClientMetricsInterceptor()] });
  let inMemory: Transport | undefined;
  const remote = new Map<string, Transport>();

  const transportFor = (service: DescService): Transport => {
    if (options.local.localServices().has(service.typeName)) {
      inMemory ??= createRouterTransport(options.local.routes, {
        transport: { interceptors },
        router: { interceptors: options.local.interceptors },
      });
      return inMemory;
    }
    const name = options.catalog.find((definition) => definition.descriptor.typeName === service.typeName)?.name;
    const urls = name === undefined ? undefined : options.config.peerUrls[name];
    if (urls === undefined) throw new Error(`no service of this Waybill implements ${service.typeName}`);
    let transport = remote.get(urls);
    if (!transport) {
      transport = createPeerTransport(urls, interceptors);
      remote.set(urls, transport);
    }
    return transport;
  };

  // The choice is made per call, so clients can be created before all services are registered.
  return createWaybillClients((service) => ({
    unary: (method, ...rest) => transportFor(service).unary(method, ...rest),
    stream: (method, ...rest) => transportFor(service).stream(method, ...rest),
  }));
}

/** A service token, re-signed an hour before it expires. */
function cachedServiceToken(tokens: TokenIssuer, caller: string): () => Promise<string> {
  const ttlSeconds = 12 * 3600;
  let current: { token: Promise<string>; renewAt: number } | undefined;
  return () => {
    if (!current || Date.now() > current.renewAt) {
      current = {
        token: tokens.sign({ subject: caller, role: "service" }, ttlSeconds),
        renewAt: Date.now() + (ttlSeconds - 3600) * 1000,
      };
    }
    return current.token;
  };
}
