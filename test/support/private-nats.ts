import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./free-port.js";

/** Where Debian puts the NATS server (`NATS_SERVER_BIN` overrides). */
const defaultBin = "/usr/sbin/nats-server";

/**
 * A NATS server with JetStream of one test's own, on a spare loopback port with its own store
 * folder: a fault test may kill it, freeze it or restart it without touching the shared server.
 */
export interface PrivateNats {
  /** `nats://127.0.0.1:<port>`. */
  readonly url: string;
  readonly port: number;
  /** The folder holding the JetStream store and the server log. */
  readonly folder: string;
  /** The server's log file (every incarnation appends to it). */
  readonly logFile: string;
  /** The running server's process id (undefined while it is down). */
  pid(): number | undefined;
  /** Sends a signal without waiting (SIGSTOP freezes the server, SIGCONT wakes it). */
  signal(signal: NodeJS.Signals): void;
  /** Sends `signal` (SIGKILL for a crash) and waits until the server has exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** Starts the server again on the same port and store (after `kill`), waiting until it is ready; nothing when it runs. */
  start(): Promise<void>;
  /** Kills the server and deletes the folder. Safe to call twice. */
  remove(): Promise<void>;
}

/** Options of {@link startPrivateNats}. */
export interface PrivateNatsOptions {
  /** The server's executable (default `NATS_SERVER_BIN` or Debian's). */
  readonly bin?: string;
  /** The client port (default: a spare one), for a cluster whose members must know it in advance. */
  readonly port?: number;
  /** More arguments for the server (a cluster's `--cluster`, `--routes`, `--server_name`, `-m`). */
  readonly args?: readonly string[];
  /** Where the server's log goes (default `server.log` in its folder, removed with it). */
  readonly logFile?: string;
}

/**
 * Starts `nats-server -js` on a spare port with a store in a fresh temporary folder, and waits
 * until it is ready. Call `remove()` in a `finally` or `afterAll`.
 *
 * @example
 * const nats = await startPrivateNats();
 * try { await nats.kill("SIGKILL"); await nats.start(); } finally { await nats.remove(); }
 */
export async function startPrivateNats(options: PrivateNatsOptions = {}): Promise<PrivateNats> {
  const bin = options.bin ?? process.env.NATS_SERVER_BIN ?? defaultBin;
  const folder = await mkdtemp(join(tmpdir(), "waybill-nats-"));
  const logFile = options.logFile ?? join(folder, "server.log");
  const log = createWriteStream(logFile, { flags: "a" });
  const port = options.port ?? (await freePort());
  let child: ChildProcess | undefined;
  let removed = false;

  const start = async () => {
    // Already running: a second server on the same port would fail to bind, and the first would
    // be left behind with no handle to kill it.
    if (child && child.exitCode === null && child.signalCode === null) return;
    const args = ["-a", "127.0.0.1", "-p", String(port), "-js", "-sd", join(folder, "store"), ...(options.args ?? [])];
    const server = spawn(bin, args, { stdio: ["ignore", "pipe", "pipe"] });
    child = server;
    let output = "";
    const ready = new Promise<void>((resolve, reject) => {
      const read = (chunk: Buffer) => {
        log.write(chunk);
        if (output.length < 100_000) output += chunk.toString();
        if (output.includes("Server is ready")) resolve();
      };
      server.stdout?.on("data", read);
      server.stderr?.on("data", read);
      server.once("error", reject);
      server.once("exit", (code, signal) =>
        reject(new Error(`nats-server exited during start (${signal ?? code}):\n${output}`)),
      );
    });
    const timeout = setTimeout(() => server.kill("SIGKILL"), 30_000);
    try {
      await ready;
    } finally {
      clearTimeout(timeout);
    }
  };
  const kill = async (signal: NodeJS.Signals) => {
    const server = child;
    if (!server || server.exitCode !== null || server.signalCode !== null) return;
    const exited = once(server, "exit");
    server.kill(signal);
    await exited;
    child = undefined;
  };

  try {
    await start();
  } catch (error) {
    await kill("SIGKILL");
    log.end();
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    folder,
    logFile,
    pid: () => child?.pid,
    signal(signal) {
      child?.kill(signal);
    },
    kill,
    start,
    async remove() {
      if (removed) return;
      removed = true;
      child?.kill("SIGCONT");
      await kill("SIGKILL");
      await new Promise((resolve) => log.end(resolve));
      await rm(folder, { recursive: true, force: true });
    },
  };
}
