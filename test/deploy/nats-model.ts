/**
 * The NATS nodes of deploy/compose/compose.yaml: what a node's configuration file says (read with
 * patterns, enough for the wiring checks), and whether the real nats-server accepts it.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** What the wiring checks read of one node's configuration. */
export interface NatsNodeConfig {
  readonly serverName: string | undefined;
  readonly clientPort: string | undefined;
  readonly monitoringPort: string | undefined;
  readonly clusterName: string | undefined;
  readonly clusterPort: string | undefined;
  /** `host:port` of each route, sorted. */
  readonly routes: readonly string[];
  readonly storeDir: string;
}

/** Reads a node's configuration file (its top-level `listen` and `http`, `cluster`, `store_dir`). */
export function readNatsConfig(path: string): NatsNodeConfig {
  const config = readFileSync(path, "utf8");
  const cluster = /cluster\s*\{([\s\S]*?)\n\}/.exec(config)?.[1] ?? "";
  const outside = config.replace(cluster, "");
  return {
    serverName: /^\s*server_name:\s*(\S+)/m.exec(config)?.[1],
    clientPort: /^\s*listen:\s*[\d.]+:(\d+)/m.exec(outside)?.[1],
    monitoringPort: /^\s*http(?:_port)?:\s*(?:[\d.]+:)?(\d+)/m.exec(outside)?.[1],
    clusterName: /^\s*name:\s*(\S+)/m.exec(cluster)?.[1],
    clusterPort: /^\s*listen:\s*[\d.]+:(\d+)/m.exec(cluster)?.[1],
    routes: [...cluster.matchAll(/nats-route:\/\/([\w.-]+:\d+)/g)].map((match) => match[1] ?? "").sort(),
    storeDir: /store_dir:\s*(\S+)/.exec(config)?.[1] ?? "",
  };
}

/**
 * `nats-server -t` on a copy of the file whose `store_dir` points into a temporary folder (the
 * container's /data does not exist here; -t only parses, but must not touch the machine's disk).
 * It refuses unknown fields and values it cannot parse. The machine's nats-server is 2.9.10 and
 * the image 2.10: a field new in 2.10 would be refused here.
 */
export function natsServerTest(path: string): { readonly status: number | null; readonly output: string } {
  const folder = mkdtempSync(join(tmpdir(), "waybill-compose-nats-"));
  try {
    const copy = join(folder, "nats-server.conf");
    writeFileSync(copy, readFileSync(path, "utf8").replace(/(store_dir:\s*)\S+/g, `$1${join(folder, "jetstream")}`));
    const result = spawnSync("nats-server", ["-t", "-c", copy], {
      encoding: "utf8",
      timeout: 60_000,
      env: { PATH: `${process.env.PATH ?? "/usr/bin:/bin"}:/usr/sbin` },
    });
    if ((result.error as NodeJS.ErrnoException | undefined)?.code === "ENOENT") {
      throw new Error("nats-server is not installed (apt-get install nats-server)");
    }
    return { status: result.status, output: `${result.stdout}${result.stderr}`.replaceAll(copy, path) };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
