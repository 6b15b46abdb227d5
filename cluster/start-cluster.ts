import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { type JetStreamManager, jetstreamManager } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import type { Waybill } from "@waybill/sdk";
import { type ReplicaSet, startReplicaSet } from "../chaos/replica-set.js";
import { dropDatabase, ensureDatabase } from "../services/kit/database/index.js";
import { connectNats } from "../services/kit/events/index.js";
import { deadLetterStreamName, domainStreamName } from "../services/kit/events/naming.js";
import { createLogger } from "../services/kit/logging/logger.js";
import type { IsolatedEnvironment } from "../test/support/isolated-environment.js";
import { type PrivateNatsCluster, startPrivateNatsCluster } from "../test/support/private-nats-cluster.js";
import { waitUntil } from "../test/support/wait-for.js";
import { laneClient } from "./cluster-client.js";
import { type ClusterProcess, type ClusterService, clusterServices, layOutProcesses } from "./cluster-layout.js";
import { peerUrlListsAccepted, peerVariables } from "./peer-urls.js";
import { replicationWaiting } from "./stream-replication.js";

/** What {@link startCluster} starts. */
export interface ClusterOptions {
  readonly replicas: Readonly<Record<ClusterService, number>>;
  /** NATS servers (3: streams are R3). */
  readonly natsNodes: number;
  /** First NATS client port (routes 100 above, monitoring 200 above); undefined: spare ports. */
  readonly natsPort?: number;
  /** First Waybill port, one per process in layout order; undefined: spare ports. */
  readonly port?: number;
  /** Waybill's database, created when missing. */
  readonly databaseUrl: string;
  /** Drop the database when the cluster stops. */
  readonly dropDatabase: boolean;
  readonly prefix: string;
  /** Logs of every process (`nats-n1.log`, `orders-2.log`, …), the timeline and mail. */
  readonly logDir: string;
  /** Variables of every Waybill process (AUTH_SECRET, SMTP_URL, LOG_LEVEL, …). */
  readonly variables: Readonly<Record<string, string>>;
  /** Seconds since the run began. */
  readonly clock: () => number;
  /** Told of every start, crash and restart. */
  readonly onEvent: (line: string) => void;
}

/** A running cluster: NATS servers and Waybill processes, and how to reach them. */
export interface WaybillCluster {
  readonly nats: PrivateNatsCluster;
  readonly processes: readonly ClusterProcess[];
  /** The Waybill processes, numbered as `processes` (`replica`), restarted when they crash. */
  readonly replicas: ReplicaSet;
  /** Database, prefix, NATS URLs and mail folder, as the test harness names them. */
  readonly env: IsolatedEnvironment;
  /** Lanes of clients: the most replicas any service has. */
  readonly lanes: number;
  /** Whether the processes got every replica of a peer in `<SERVICE>_URL` (or one, see `peer-urls.ts`). */
  readonly peerLists: boolean;
  readonly jsm: JetStreamManager;
  /** The process running replica `index` of `service`. */
  process(service: ClusterService, index: number): ClusterProcess;
  /** SDK clients of lane `lane` (see `cluster-client.ts`). */
  client(lane: number, token: string): Waybill;
  /** Waits until every stream of the prefix has a leader and all its replicas current. */
  waitUntilReplicated(timeoutMs: number): Promise<void>;
  /** Stops every process and server, drops the database if asked. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts a NATS JetStream cluster, then each service's replicas as processes of their own with
 * `STREAM_REPLICAS` of the cluster's size, `NATS_URL` naming every server and `<SERVICE>_URL`
 * naming the peers, and waits until every stream is replicated. On a failure it stops what it
 * started and throws.
 */
export async function startCluster(options: ClusterOptions): Promise<WaybillCluster> {
  await mkdir(options.logDir, { recursive: true });
  const stops: (() => Promise<void>)[] = [];
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      for (const step of stops.reverse()) await step().catch(() => undefined);
    })();
    return stopped;
  };
  try {
    await ensureDatabase(options.databaseUrl);
    if (options.dropDatabase) stops.push(() => dropDatabase(options.databaseUrl));
    const nats = await startPrivateNatsCluster({
      size: options.natsNodes,
      name: options.prefix.replaceAll("_", "-"),
      logDir: options.logDir,
      ...(options.natsPort === undefined ? {} : { basePort: options.natsPort }),
    });
    stops.push(() => nats.remove());
    options.onEvent(`NATS cluster ${nats.name} ready: ${nats.nodes.map((n) => `${n.name} ${n.url}`).join(", ")}`);
    const nc: NatsConnection = await connectNats({
      url: nats.url,
      name: "cluster",
      logger: createLogger({ level: "silent" }),
    });
    stops.push(() => nc.close());
    const jsm = await jetstreamManager(nc);

    const processes = await layOutProcesses(options.replicas, options.port);
    const peerLists = peerUrlListsAccepted();
    const env: IsolatedEnvironment = {
      databaseUrl: options.databaseUrl,
      prefix: options.prefix,
      natsUrl: nats.url,
      mailDir: join(options.logDir, "mail"),
      cleanup: stop,
    };
    const byReplica = (replica: number) => {
      const found = processes[replica - 1];
      if (!found) throw new Error(`no process ${replica}`);
      return found;
    };
    const replicas = await startReplicaSet({
      size: processes.length,
      env,
      variables: { STREAM_REPLICAS: String(Math.min(3, options.natsNodes)), ...options.variables },
      variablesOf: (replica) => ({
        SERVICES: byReplica(replica).service,
        ...peerVariables(processes, byReplica(replica), peerLists),
      }),
      portOf: (replica) => byReplica(replica).port,
      nameOf: (replica) => byReplica(replica).name,
      logDir: options.logDir,
      clock: options.clock,
      onEvent: options.onEvent,
    });
    stops.push(() => replicas.close());

    const replicaCount = Math.min(3, options.natsNodes);
    const streams = [
      ...clusterServices.map((s) => domainStreamName(options.prefix, s)),
      deadLetterStreamName(options.prefix),
    ];
    const waitUntilReplicated = async (timeoutMs: number) => {
      await waitUntil(
        () => replicationWaiting(jsm, options.prefix, replicaCount, streams),
        (waiting) => waiting.length === 0,
        "every stream with a leader and all its replicas current",
        timeoutMs,
      );
    };
    await waitUntilReplicated(60_000);
    const lanes = Math.max(...Object.values(options.replicas));
    return {
      nats,
      processes,
      replicas,
      env,
      lanes,
      peerLists,
      jsm,
      process(service, index) {
        const found = processes.find((p) => p.service === service && p.index === index);
        if (!found) throw new Error(`no ${service} ${index}`);
        return found;
      },
      client: (lane, token) => laneClient(processes, lane, token),
      waitUntilReplicated,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
