/** Several replicas of a peer service: URL lists, DNS names resolved again, balancing and failover. */
export { createBalancingTransport } from "./balancing-transport.js";
export { connectionLossAsUnavailable } from "./connection-loss.js";
export { createEndpointBalancer, type EndpointBalancer, type SetAsideBackoff } from "./endpoint-balancer.js";
export { createEndpointPool, type EndpointPool, type EndpointPoolOptions } from "./endpoint-pool.js";
export { createEndpointTransport, type EndpointTransport, wasNotSent } from "./endpoint-transport.js";
export { isSingleAddress, type PeerTarget, parsePeerTargets } from "./peer-targets.js";
export { createPeerTransport } from "./peer-transport.js";
export { type LookupAll, type PeerEndpoint, type Resolution, resolvePeers, systemLookup } from "./resolve-peers.js";
