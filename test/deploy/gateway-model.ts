/**
 * The gateway of deploy/compose/compose.yaml as test/deploy/compose.test.ts reads it: the Envoy
 * container, its bootstrap (gateway/envoy.yaml), the one virtual host's routes and the clusters'
 * endpoints.
 */
import { mountedAt, readYaml, serviceByImage } from "./compose-model.js";
import type { EnvoyCluster, EnvoyConfig } from "./envoy-config.js";

const found = serviceByImage("envoyproxy/envoy:");
/** The compose service running Envoy. */
export const gatewayName = found[0];
/** Its compose definition. */
export const gateway = found[1];
/** The bootstrap it mounts. */
export const envoy = readYaml(mountedAt(gateway, "/etc/envoy/envoy.yaml")) as EnvoyConfig;
/** The one listener. */
export const listener = envoy.static_resources.listeners[0];
/** The one virtual host of its HTTP connection manager. */
export const virtualHost = listener?.filter_chains[0]?.filters[0]?.typed_config.route_config.virtual_hosts[0];
/** Its routes, in order. */
export const routes = virtualHost?.routes ?? [];

/** The cluster `name`; throws when there is none. */
export function clusterNamed(name: string | undefined): EnvoyCluster {
  const cluster = envoy.static_resources.clusters.find((candidate) => candidate.name === name);
  if (!cluster) throw new Error(`envoy.yaml has no cluster ${name}`);
  return cluster;
}

/** `host:port` of each endpoint of a cluster. */
export const endpointsOf = (cluster: EnvoyCluster): string[] =>
  cluster.load_assignment.endpoints.flatMap((group) =>
    group.lb_endpoints.map(
      ({ endpoint }) => `${endpoint.address.socket_address.address}:${endpoint.address.socket_address.port_value}`,
    ),
  );
