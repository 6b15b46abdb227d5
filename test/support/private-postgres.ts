import { execFile } from "node:child_process";
import { chown, mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { freePort } from "./free-port.js";

const run = promisify(execFile);

/** Where Debian puts PostgreSQL 15's server programs (`POSTGRES_BIN` overrides). */
const defaultBin = "/usr/lib/postgresql/15/bin";

/**
 * A PostgreSQL cluster of one test's own, on a spare loopback port: a fault test may restart it,
 * stop it or terminate its backends without touching the shared server.
 */
export interface PrivatePostgres {
  readonly port: number;
  /** The folder holding the cluster (data, socket, server log). */
  readonly folder: string;
  /** The server's log file. */
  readonly logFile: string;
  /** A URL of `database` on this cluster, as the superuser `postgres` (trust authentication). */
  url(database: string): string;
  /** `pg_ctl restart -m fast`: disconnects everyone (57P01) and waits until the server accepts connections again. */
  restart(): Promise<void>;
  /** `pg_ctl stop -m fast`. */
  stop(): Promise<void>;
  /** `pg_ctl start`, waiting until the server accepts connections. */
  start(): Promise<void>;
  /** Terminates every backend connected to `database` (except the one asking); returns how many. */
  terminateBackends(database: string): Promise<number>;
  /** Stops the server at once and deletes the folder. Safe to call twice. */
  remove(): Promise<void>;
}

/**
 * Creates and starts a private PostgreSQL cluster (`initdb` + `pg_ctl`) in a fresh temporary
 * folder: trust authentication, the Unix socket inside the folder, no fsync. PostgreSQL refuses
 * to run as root, so a root process runs the programs as the user `postgres` (`runuser`), who
 * owns the folder. Call `remove()` in a `finally` or `afterAll`.
 *
 * @example
 * const postgres = await startPrivatePostgres();
 * try { await postgres.restart(); } finally { await postgres.remove(); }
 */
export async function startPrivatePostgres(
  options: { readonly bin?: string; readonly maxConnections?: number } = {},
): Promise<PrivatePostgres> {
  const bin = options.bin ?? process.env.POSTGRES_BIN ?? defaultBin;
  const asRoot = process.getuid?.() === 0;
  const folder = await mkdtemp(join(tmpdir(), "waybill-postgres-"));
  const data = join(folder, "data");
  const logFile = join(folder, "server.log");
  const pgCtl = (...args: string[]) => asServerUser(asRoot, join(bin, "pg_ctl"), ["-D", data, ...args]);
  let removed = false;
  try {
    await mkdir(data);
    if (asRoot) {
      const { uid, gid } = await serverUser();
      await chown(folder, uid, gid);
      await chown(data, uid, gid);
    }
    await asServerUser(asRoot, join(bin, "initdb"), [
      "-D",
      data,
      "-U",
      "postgres",
      "-A",
      "trust",
      "--no-sync",
      "-E",
      "UTF8",
    ]);
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
  const port = await freePort();
  const serverOptions = [
    `-p ${port}`,
    "-c listen_addresses=127.0.0.1",
    `-c unix_socket_directories=${folder}`,
    "-c fsync=off",
    "-c synchronous_commit=off",
    "-c full_page_writes=off",
    // For a post-mortem from the server's log: a failed statement's parameters, and lock waits.
    "-c log_parameter_max_length_on_error=-1",
    "-c log_lock_waits=on",
    `-c max_connections=${options.maxConnections ?? 200}`,
  ].join(" ");
  const start = () => pgCtl("-l", logFile, "-o", serverOptions, "-w", "-t", "60", "start");
  const url = (database: string) => `postgres://postgres@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  try {
    await start();
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
  return {
    port,
    folder,
    logFile,
    url,
    async restart() {
      await pgCtl("-l", logFile, "-o", serverOptions, "-m", "fast", "-w", "-t", "60", "restart");
    },
    async stop() {
      await pgCtl("-m", "fast", "-w", "-t", "60", "stop");
    },
    start: async () => {
      await start();
    },
    async terminateBackends(database) {
      const client = new pg.Client({ connectionString: url("postgres") });
      client.on("error", () => undefined);
      await client.connect();
      try {
        const { rows } = await client.query<{ terminated: string }>(
          "select count(*) filter (where pg_terminate_backend(pid)) as terminated from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
          [database],
        );
        return Number(rows[0]?.terminated ?? 0);
      } finally {
        await client.end().catch(() => undefined);
      }
    },
    async remove() {
      if (removed) return;
      removed = true;
      await pgCtl("-m", "immediate", "-w", "-t", "30", "stop").catch(() => undefined);
      await rm(folder, { recursive: true, force: true });
    },
  };
}

/** The uid and gid of the `postgres` user. */
async function serverUser(): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all([run("id", ["-u", "postgres"]), run("id", ["-g", "postgres"])]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Runs a PostgreSQL program, as `postgres` when this process is root; fails with its output. */
async function asServerUser(asRoot: boolean, program: string, args: readonly string[]): Promise<void> {
  const [file, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", program, ...args]] : [program, [...args]];
  try {
    // pg_ctl -l sends the server's output to the log file, so these pipes close when pg_ctl exits.
    await run(file, argv as string[], { timeout: 120_000, cwd: tmpdir() });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${program} ${args.join(" ")} failed: ${String(error)}\n${stdout ?? ""}${stderr ?? ""}`);
  }
}
