import type { JetStreamManager } from "@nats-io/jetstream";

/** Where one stream stands in the cluster: its leader and how many of its replicas are current. */
export interface StreamPlacement {
  readonly stream: string;
  /** `server_name` of its leader ("" during an election). */
  readonly leader: string;
  /** Replicas the stream is configured with. */
  readonly replicas: number;
  /** Servers holding it that are current (the leader included). */
  readonly current: number;
  /** Servers holding it that are offline or behind, by name. */
  readonly lagging: readonly string[];
}

/** The stream's placement from its JetStream info (`cluster.leader`, `cluster.replicas`). */
export async function streamPlacement(jsm: JetStreamManager, stream: string): Promise<StreamPlacement> {
  const info = await jsm.streams.info(stream);
  const leader = info.cluster?.leader ?? "";
  const peers = info.cluster?.replicas ?? [];
  const lagging = peers.filter((peer) => !peer.current || peer.offline).map((peer) => peer.name);
  return {
    stream,
    leader,
    replicas: info.config.num_replicas,
    current: (leader ? 1 : 0) + peers.length - lagging.length,
    lagging,
  };
}

/** The streams whose name starts with the event prefix's (`CLUSTER_` for `cluster`), sorted. */
export async function prefixStreams(jsm: JetStreamManager, prefix: string): Promise<string[]> {
  const names: string[] = [];
  for await (const name of jsm.streams.names()) if (name.startsWith(`${prefix.toUpperCase()}_`)) names.push(name);
  return names.sort();
}

/**
 * What keeps the prefix's streams from being fully replicated: a stream without a leader, with
 * fewer current servers than `replicas`, or with fewer replicas configured; `[]` when every one
 * has a leader and all its replicas current. `expected` names streams that must exist.
 */
export async function replicationWaiting(
  jsm: JetStreamManager,
  prefix: string,
  replicas: number,
  expected: readonly string[] = [],
): Promise<string[]> {
  const streams = await prefixStreams(jsm, prefix);
  const waiting = expected.filter((name) => !streams.includes(name)).map((name) => `${name}: missing`);
  for (const stream of streams) {
    const placement = await streamPlacement(jsm, stream);
    if (placement.replicas < replicas) waiting.push(`${stream}: R${placement.replicas}, not R${replicas}`);
    else if (!placement.leader) waiting.push(`${stream}: no leader`);
    else if (placement.current < placement.replicas)
      waiting.push(
        `${stream}: ${placement.current}/${placement.replicas} current (behind: ${placement.lagging.join(", ") || "a peer not listed yet"})`,
      );
  }
  return waiting;
}
