/**
 * What test/deploy/compose.test.ts reads of the gateway's Envoy bootstrap
 * (deploy/compose/gateway/envoy.yaml); test/deploy/envoy-api.ts checks the rest of its keys.
 */

/** A retry policy, on a virtual host or a route. */
export interface EnvoyRetryPolicy {
  readonly retry_on: string;
}

/** A route: a path prefix to a cluster. */
export interface EnvoyRoute {
  readonly match: { readonly prefix: string };
  readonly route: { readonly cluster: string; readonly retry_policy?: EnvoyRetryPolicy };
}

/** An upstream cluster: its discovery type, protocol options, readiness probe and endpoints. */
export interface EnvoyCluster {
  readonly name: string;
  readonly type?: string;
  readonly typed_extension_protocol_options?: Readonly<
    Record<string, { readonly explicit_http_config?: { readonly http2_protocol_options?: object } }>
  >;
  readonly health_checks?: readonly {
    readonly timeout: string;
    readonly interval: string;
    readonly unhealthy_threshold: number;
    readonly http_health_check: { readonly path: string };
  }[];
  readonly load_assignment: {
    readonly endpoints: readonly {
      readonly lb_endpoints: readonly {
        readonly endpoint: {
          readonly address: { readonly socket_address: { readonly address: string; readonly port_value: number } };
        };
      }[];
    }[];
  };
}

/** The bootstrap: one listener with one HTTP connection manager, and the clusters. */
export interface EnvoyConfig {
  readonly static_resources: {
    readonly listeners: readonly {
      readonly address: { readonly socket_address: { readonly port_value: number } };
      readonly filter_chains: readonly {
        readonly filters: readonly {
          readonly typed_config: {
            readonly route_config: {
              readonly virtual_hosts: readonly {
                readonly retry_policy?: EnvoyRetryPolicy;
                readonly routes: readonly EnvoyRoute[];
              }[];
            };
          };
        }[];
      }[];
    }[];
    readonly clusters: readonly EnvoyCluster[];
  };
}
