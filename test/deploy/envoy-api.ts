/**
 * The part of Envoy's v3 API that deploy/compose/gateway/envoy.yaml uses, field names as in the
 * .proto files of Envoy 1.31 (envoyproxy/data-plane-api), so a test can find a misspelled or
 * misplaced key without an Envoy binary. A key Envoy accepts but this table lacks fails too: add it
 * here after checking its name in the proto.
 */

/**
 * What a field holds: a message of the table (by name), an `Any` (`typed_config`, resolved by its
 * "@type"), a map of `Any` by type name, a Duration, one value of an enum, or a scalar.
 */
type Field = string | "any" | "any-map" | "duration" | "scalar" | { readonly enum: readonly string[] };

const anyPrefix = "type.googleapis.com/";
const hcm = "envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager";
const h2c = "envoy.extensions.upstreams.http.v3.HttpProtocolOptions";

/** Message → field → what it holds; messages named by their proto's full name. */
const messages: Readonly<Record<string, Readonly<Record<string, Field>>>> = {
  "envoy.config.bootstrap.v3.Bootstrap": {
    admin: "envoy.config.bootstrap.v3.Admin",
    static_resources: "envoy.config.bootstrap.v3.Bootstrap.StaticResources",
  },
  "envoy.config.bootstrap.v3.Admin": { address: "envoy.config.core.v3.Address" },
  "envoy.config.bootstrap.v3.Bootstrap.StaticResources": {
    listeners: "envoy.config.listener.v3.Listener",
    clusters: "envoy.config.cluster.v3.Cluster",
  },
  "envoy.config.core.v3.Address": { socket_address: "envoy.config.core.v3.SocketAddress" },
  "envoy.config.core.v3.SocketAddress": { address: "scalar", port_value: "scalar" },
  "envoy.config.listener.v3.Listener": {
    name: "scalar",
    address: "envoy.config.core.v3.Address",
    filter_chains: "envoy.config.listener.v3.FilterChain",
  },
  "envoy.config.listener.v3.FilterChain": { filters: "envoy.config.listener.v3.Filter" },
  "envoy.config.listener.v3.Filter": { name: "scalar", typed_config: "any" },
  [hcm]: {
    stat_prefix: "scalar",
    codec_type: { enum: ["AUTO", "HTTP1", "HTTP2", "HTTP3"] },
    use_remote_address: "scalar",
    request_timeout: "duration",
    stream_idle_timeout: "duration",
    route_config: "envoy.config.route.v3.RouteConfiguration",
    http_filters: "envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter",
  },
  "envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter": { name: "scalar", typed_config: "any" },
  "envoy.extensions.filters.http.router.v3.Router": {},
  "envoy.config.route.v3.RouteConfiguration": { name: "scalar", virtual_hosts: "envoy.config.route.v3.VirtualHost" },
  "envoy.config.route.v3.VirtualHost": {
    name: "scalar",
    domains: "scalar",
    routes: "envoy.config.route.v3.Route",
    retry_policy: "envoy.config.route.v3.RetryPolicy",
  },
  "envoy.config.route.v3.Route": {
    match: "envoy.config.route.v3.RouteMatch",
    route: "envoy.config.route.v3.RouteAction",
  },
  "envoy.config.route.v3.RouteMatch": { prefix: "scalar" },
  "envoy.config.route.v3.RouteAction": {
    cluster: "scalar",
    timeout: "duration",
    retry_policy: "envoy.config.route.v3.RetryPolicy",
  },
  "envoy.config.route.v3.RetryPolicy": {
    retry_on: "scalar",
    num_retries: "scalar",
    retry_host_predicate: "envoy.config.route.v3.RetryPolicy.RetryHostPredicate",
    host_selection_retry_max_attempts: "scalar",
  },
  "envoy.config.route.v3.RetryPolicy.RetryHostPredicate": { name: "scalar", typed_config: "any" },
  "envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate": {},
  "envoy.config.cluster.v3.Cluster": {
    name: "scalar",
    type: { enum: ["STATIC", "STRICT_DNS", "LOGICAL_DNS", "EDS", "ORIGINAL_DST"] },
    dns_lookup_family: { enum: ["AUTO", "V4_ONLY", "V6_ONLY", "V4_PREFERRED", "ALL"] },
    dns_refresh_rate: "duration",
    lb_policy: { enum: ["ROUND_ROBIN", "LEAST_REQUEST", "RING_HASH", "RANDOM", "MAGLEV", "CLUSTER_PROVIDED"] },
    typed_extension_protocol_options: "any-map",
    health_checks: "envoy.config.core.v3.HealthCheck",
    load_assignment: "envoy.config.endpoint.v3.ClusterLoadAssignment",
  },
  [h2c]: { explicit_http_config: `${h2c}.ExplicitHttpConfig` },
  [`${h2c}.ExplicitHttpConfig`]: {
    http_protocol_options: "envoy.config.core.v3.Http1ProtocolOptions",
    http2_protocol_options: "envoy.config.core.v3.Http2ProtocolOptions",
  },
  // Left at their defaults: present and empty.
  "envoy.config.core.v3.Http1ProtocolOptions": {},
  "envoy.config.core.v3.Http2ProtocolOptions": {},
  "envoy.config.core.v3.HealthCheck": {
    timeout: "duration",
    interval: "duration",
    no_traffic_interval: "duration",
    unhealthy_threshold: "scalar",
    healthy_threshold: "scalar",
    http_health_check: "envoy.config.core.v3.HealthCheck.HttpHealthCheck",
  },
  "envoy.config.core.v3.HealthCheck.HttpHealthCheck": {
    path: "scalar",
    codec_client_type: { enum: ["HTTP1", "HTTP2", "HTTP3"] },
  },
  "envoy.config.endpoint.v3.ClusterLoadAssignment": {
    cluster_name: "scalar",
    endpoints: "envoy.config.endpoint.v3.LocalityLbEndpoints",
  },
  "envoy.config.endpoint.v3.LocalityLbEndpoints": { lb_endpoints: "envoy.config.endpoint.v3.LbEndpoint" },
  "envoy.config.endpoint.v3.LbEndpoint": { endpoint: "envoy.config.endpoint.v3.Endpoint" },
  "envoy.config.endpoint.v3.Endpoint": { address: "envoy.config.core.v3.Address" },
};

/** The full name of the message an `Any` holds, from its "@type". */
export const typeOf = (value: unknown): string =>
  String((value as Record<string, unknown> | null)?.["@type"] ?? "").replace(anyPrefix, "");

/** Where a value breaks the schema, one line per problem (`path: what`). */
function check(value: unknown, field: Field, path: string): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => check(item, field, `${path}[${index}]`));
  if (field === "scalar") return value !== null && typeof value === "object" ? [`${path}: a message, not a value`] : [];
  if (field === "duration") return /^\d+(\.\d+)?s$/.test(String(value)) ? [] : [`${path}: ${value} is not a Duration`];
  if (typeof field === "object")
    return field.enum.includes(String(value)) ? [] : [`${path}: ${value} is none of ${field.enum}`];
  if (field === "any-map") {
    return Object.entries(value as object).flatMap(([name, item]) =>
      typeOf(item) === name ? check(item, "any", `${path}.${name}`) : [`${path}.${name}: holds a ${typeOf(item)}`],
    );
  }
  const name = field === "any" ? typeOf(value) : field;
  const fields = messages[name];
  if (!fields) return [`${path}: ${name || "no @type"} is not in the table of test/deploy/envoy-api.ts`];
  if (value === null || typeof value !== "object") return [`${path}: a value, not a ${name}`];
  return Object.entries(value).flatMap(([key, item]) => {
    if (field === "any" && key === "@type") return [];
    const inner = fields[key];
    return inner === undefined ? [`${path}.${key}: no such field in ${name}`] : check(item, inner, `${path}.${key}`);
  });
}

/** Every key and enum value of an Envoy bootstrap that Envoy's v3 API would not take. */
export const envoyApiErrors = (bootstrap: unknown): string[] =>
  check(bootstrap, "envoy.config.bootstrap.v3.Bootstrap", "envoy.yaml");

/** The `x-envoy-retry-on` conditions of Envoy 1.31's router (reset-before-request is new in 1.31). */
export const retryConditions: readonly string[] = [
  "5xx",
  "gateway-error",
  "reset",
  "reset-before-request",
  "connect-failure",
  "envoy-ratelimited",
  "retriable-4xx",
  "refused-stream",
  "retriable-status-codes",
  "retriable-headers",
  "http3-post-connect-failure",
  "cancelled",
  "deadline-exceeded",
  "internal",
  "resource-exhausted",
  "unavailable",
];
/** The HTTP/2 upstream options' type, which h2c to the replicas needs. */
export const http2OptionsType = h2c;
