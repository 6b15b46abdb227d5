/**
 * `npm run cluster`: Waybill as it is deployed to scale, on this machine. Starts a NATS JetStream
 * cluster (three routed servers), then each service in processes of its own (two replicas of
 * orders and inventory) on R3 streams and a database of its own, prints where each answers and a
 * ready line, and stops everything on Ctrl-C or SIGTERM.
 *
 *   npm run cluster
 *   npm run cluster -- --replicas orders=3,fleet=2 --port 9001
 *   npm run cluster -- --keep --database waybill_cluster_demo
 */
import { appendFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command, Option } from "commander";
import { peerVariable } from "../services/kit/config/waybill-settings.js";
import { withDatabase } from "../services/kit/database/index.js";
import { clusterServices } from "./cluster-layout.js";
import {
  type ClusterCommandOptions,
  clusterDefaults,
  parseReplicaCounts,
  plainName,
  wholeNumber,
} from "./cluster-options.js";
import { startCluster, type WaybillCluster } from "./start-cluster.js";

const program = new Command("npm run cluster --")
  .description(
    "Runs Waybill as a cluster on this machine: three NATS servers with JetStream, each service in processes of its own (R3 streams, a database of its own), until Ctrl-C.",
  )
  .addOption(
    new Option("--replicas <list>", "replicas per service over the defaults, e.g. orders=3,fleet=2")
      .argParser(parseReplicaCounts)
      .default(clusterDefaults.replicas, "inventory=2,orders=2, one of the others"),
  )
  .option(
    "--nats-nodes <n>",
    "NATS servers (streams get min(3, n) replicas)",
    wholeNumber(1, 5),
    clusterDefaults.natsNodes,
  )
  .option(
    "--nats-port <port>",
    "first NATS client port (routes 100 above, monitoring 200 above; 0: spare ports)",
    wholeNumber(0, 65_000),
    clusterDefaults.natsPort,
  )
  .option(
    "--port <port>",
    "first Waybill port, one per process (0: spare ports)",
    wholeNumber(0, 65_000),
    clusterDefaults.port,
  )
  .option("--database <name>", "database on the server of DATABASE_URL", plainName, clusterDefaults.database)
  .option("--keep", "keep the database when the cluster stops", clusterDefaults.keep)
  .option("--prefix <prefix>", "EVENT_PREFIX of every process", plainName, clusterDefaults.prefix)
  .option("--log-dir <dir>", "folder of the logs (default: a new temporary folder)")
  .option("--log-level <level>", "LOG_LEVEL of every process", clusterDefaults.logLevel)
  .showHelpAfterError("(run with --help for usage)");

async function main(): Promise<void> {
  const options = program.parse().opts<ClusterCommandOptions>();
  const logDir = options.logDir ?? (await mkdtemp(join(tmpdir(), "waybill-cluster-")));
  const started = performance.now();
  const clock = () => (performance.now() - started) / 1000;
  const event = (line: string) => {
    appendFileSync(join(logDir, "timeline.log"), `[${clock().toFixed(1)} s] ${line}\n`);
    console.log(`[cluster] ${line}`);
  };
  const databaseUrl = withDatabase(
    process.env.DATABASE_URL || "postgres://root@127.0.0.1:5432/postgres",
    options.database,
  );
  console.log(`[cluster] logs in ${logDir}`);
  const starting = startCluster({
    replicas: options.replicas,
    natsNodes: options.natsNodes,
    ...(options.natsPort === 0 ? {} : { natsPort: options.natsPort }),
    ...(options.port === 0 ? {} : { port: options.port }),
    databaseUrl,
    dropDatabase: !options.keep,
    prefix: options.prefix,
    logDir,
    variables: { LOG_LEVEL: options.logLevel },
    clock,
    onEvent: event,
  });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[cluster] ${signal}: stopping every process${options.keep ? "" : " and dropping the database"}`);
    // A signal during the start waits for it to finish (or fail, which stops what it started).
    const cluster = await starting.catch(() => undefined);
    await cluster?.stop();
    console.log(`[cluster] stopped; logs in ${logDir}`);
    process.exit(0);
  };
  // Every signal is caught, not only the first: Ctrl-C reaches this process from the terminal and
  // again from npm, and a second one must not kill it before everything it started is stopped.
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stop(signal));
  const cluster = await starting;
  if (stopping) return;
  printLayout(cluster, databaseUrl);
  console.log(
    `cluster ready: ${cluster.processes.length} Waybill processes on ${cluster.nats.nodes.length} NATS servers in ${clock().toFixed(1)} s (Ctrl-C stops everything)`,
  );
}

/** Where everything answers, and the variables that reach each service. */
function printLayout(cluster: WaybillCluster, databaseUrl: string): void {
  const rows = [
    ...cluster.nats.nodes.map((node) => [`nats ${node.name}`, node.url, `monitoring ${node.monitorUrl}`]),
    ...cluster.processes.map((p) => [p.name, p.url, `--service ${p.service} --port ${p.port}`]),
  ];
  const width = Math.max(...rows.map(([name]) => name?.length ?? 0));
  for (const [name, url, note] of rows) console.log(`  ${name?.padEnd(width)}  ${url}  ${note}`);
  console.log(`  database  ${databaseUrl}`);
  console.log(`  NATS_URL=${cluster.env.natsUrl} EVENT_PREFIX=${cluster.env.prefix}`);
  for (const service of clusterServices)
    console.log(
      `  ${peerVariable(service)}=${cluster.processes
        .filter((p) => p.service === service)
        .map((p) => p.url)
        .join(",")}`,
    );
  if (!cluster.peerLists)
    console.log("  (this Waybill takes one URL per <SERVICE>_URL: each process calls the replica of its own number)");
}

main().catch((error: unknown) => {
  console.error(`cluster: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
