import { join } from "node:path";
import { freePort } from "./free-port.js";
import { type PrivateNats, startPrivateNats } from "./private-nats.js";
import { waitUntil } from "./wait-for.js";

/** One server of a {@link PrivateNatsCluster}. */
export interface ClusterNode extends PrivateNats {
  /** Its `server_name`, as JetStream names stream leaders and peers (`<cluster>-n1`, …). */
  readonly name: string;
  /** Its monitoring endpoint, `http://127.0.0.1:<port>` (`/jsz`, `/healthz`). */
  readonly monitorUrl: string;
}

/**
 * Three (or more) NATS servers with JetStream routed to each other on loopback, each with its own
 * ports and store, so that a test may kill the leader of a stream and start it again.
 */
export interface PrivateNatsCluster {
  /** Its `cluster_name`. */
  readonly name: string;
  readonly nodes: readonly ClusterNode[];
  /** Every server's client URL, comma-separated, for `NATS_URL`. */
  readonly url: string;
  /** The node whose `server_name` is `name` (a stream's `cluster.leader`). */
  node(name: string): ClusterNode;
  /**
   * Waits until every running server has JetStream enabled and agrees on a meta leader, which is
   * running too (the cluster can create streams); `timeoutMs` at most, then throws naming what it saw.
   */
  waitUntilReady(timeoutMs?: number): Promise<void>;
  /** Kills every server and deletes their folders. Safe to call twice. */
  remove(): Promise<void>;
}

/** Options of {@link startPrivateNatsCluster}. */
export interface PrivateNatsClusterOptions {
  /** Servers (default 3). */
  readonly size?: number;
  /** `cluster_name`, and the prefix of each `server_name` (default `waybill`). */
  readonly name?: string;
  /** First client port; node i gets `basePort + i` for clients, `+ 100` routes, `+ 200` monitoring (default: spare ports). */
  readonly basePort?: number;
  /** A folder for the servers' logs (`<server name>.log`; default: each in its own store folder). */
  readonly logDir?: string;
}

interface JetStreamState {
  readonly disabled?: boolean;
  readonly meta_cluster?: { readonly leader?: string; readonly cluster_size?: number };
}

/**
 * Starts the servers side by side (each one's routes name the others), then waits until the
 * cluster is ready. Call `remove()` in a `finally` or `afterAll`.
 *
 * @example
 * const nats = await startPrivateNatsCluster();
 * try { await nats.node("waybill-n2").kill("SIGKILL"); } finally { await nats.remove(); }
 */
export async function startPrivateNatsCluster(options: PrivateNatsClusterOptions = {}): Promise<PrivateNatsCluster> {
  const size = options.size ?? 3;
  const name = options.name ?? "waybill";
  const port = async (i: number, offset: number) =>
    options.basePort === undefined ? freePort() : options.basePort + offset + i;
  const plan: { name: string; client: number; route: number; monitor: number }[] = [];
  for (let i = 0; i < size; i++)
    plan.push({
      name: `${name}-n${i + 1}`,
      client: await port(i, 0),
      route: await port(i, 100),
      monitor: await port(i, 200),
    });
  const started = await Promise.allSettled(
    plan.map(async (member): Promise<ClusterNode> => {
      const routes = plan.filter((other) => other !== member).map((other) => `nats-route://127.0.0.1:${other.route}`);
      const server = await startPrivateNats({
        port: member.client,
        args: [
          "--server_name",
          member.name,
          "--cluster_name",
          name,
          "--cluster",
          `nats://127.0.0.1:${member.route}`,
          "--routes",
          routes.join(","),
          "-m",
          String(member.monitor),
        ],
        ...(options.logDir ? { logFile: join(options.logDir, `${member.name}.log`) } : {}),
      });
      return Object.assign(server, { name: member.name, monitorUrl: `http://127.0.0.1:${member.monitor}` });
    }),
  );
  const nodes = started.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
  const remove = async () => {
    await Promise.all(nodes.map((node) => node.remove()));
  };
  const failed = started.find((result) => result.status === "rejected");
  if (failed) {
    await remove();
    throw failed.reason;
  }

  const cluster: PrivateNatsCluster = {
    name,
    nodes,
    url: nodes.map((node) => node.url).join(","),
    node(serverName) {
      const found = nodes.find((node) => node.name === serverName);
      if (!found) throw new Error(`no NATS server named ${serverName} (have ${nodes.map((n) => n.name).join(", ")})`);
      return found;
    },
    async waitUntilReady(timeoutMs = 60_000) {
      await waitUntil(
        () => Promise.all(nodes.filter((node) => node.pid() !== undefined).map((node) => jetStreamState(node))),
        (states) => {
          const leaders = new Set(states.map((state) => state.meta_cluster?.leader ?? ""));
          const [leader] = [...leaders];
          return (
            states.every((state) => !state.disabled) &&
            leaders.size === 1 &&
            leader !== undefined &&
            nodes.some((node) => node.name === leader && node.pid() !== undefined)
          );
        },
        `a JetStream meta leader that every NATS server of ${name} agrees on`,
        timeoutMs,
      );
    },
    remove,
  };
  try {
    await cluster.waitUntilReady();
  } catch (error) {
    await remove();
    throw error;
  }
  return cluster;
}

/** A server's JetStream state from its monitoring endpoint (`/jsz`). */
async function jetStreamState(node: ClusterNode): Promise<JetStreamState> {
  const answer = await fetch(`${node.monitorUrl}/jsz`, { signal: AbortSignal.timeout(2_000) });
  if (!answer.ok) throw new Error(`${node.name} /jsz answered ${answer.status}`);
  return (await answer.json()) as JetStreamState;
}
