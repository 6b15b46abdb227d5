import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import type { IsolatedEnvironment } from "./isolated-environment.js";

/** Waybill running as its own operating-system process, as it is deployed. */
export interface WaybillProcess {
  readonly url: string;
  /** Everything the process printed so far. */
  output(): string;
  /** Sends `signal` (SIGKILL for a crash) and waits for the process to exit. */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** The operating system's process id. */
  readonly pid: number;
  /** Sends `signal` without waiting (SIGSTOP freezes the process, SIGCONT wakes it). */
  signal(signal: NodeJS.Signals): void;
  /** Whether the process has not exited yet. */
  running(): boolean;
  /** Settles when the process exits, with its exit code or the signal that ended it. */
  readonly exit: Promise<WaybillExit>;
}

/** How a Waybill process ended. */
export interface WaybillExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** Options of {@link spawnWaybill} beyond its environment. */
export interface SpawnWaybillOptions {
  /** A file the process's output is appended to as well (kept after it exits, for a post-mortem). */
  readonly logFile?: string;
  /** The port to listen on (default 0: any free one); a replica restarted on it keeps its address. */
  readonly port?: number;
  /**
   * A compiled entry point (`dist/services/main.js` of `npm run build`), run by plain node: no tsx,
   * no `@waybill/source` condition, as `npm run start:prod` and the container image run it.
   */
  readonly entry?: string;
  /** Arguments after the entry point, such as `["--service", "orders"]` (`--port` is always added). */
  readonly args?: readonly string[];
  /** The working directory (default the repository's root), e.g. a copy of the image's `/app`. */
  readonly cwd?: string;
}

const root = new URL("../..", import.meta.url).pathname;

/**
 * `WEBHOOK_ALLOWED_HOSTS` of every Waybill a test, benchmark or chaos run starts: loopback, where
 * their webhook receivers listen and which production refuses.
 */
export const loopbackWebhookHosts = "127.0.0.0/8,::1";

/**
 * Starts `npm start`'s entry point (`services/main.ts`) as a child process on `env`, with
 * `variables` added to its environment, and resolves once it listens.
 *
 * @example
 * const fleet = await spawnWaybill(env, { SERVICES: "fleet", AUTH_SECRET: secret });
 * await fleet.kill("SIGKILL");
 */
export async function spawnWaybill(
  env: IsolatedEnvironment,
  variables: Readonly<Record<string, string>>,
  nodeArgs: readonly string[] = [],
  options: SpawnWaybillOptions = {},
): Promise<WaybillProcess> {
  const entry = options.entry
    ? [options.entry]
    : ["--conditions=@waybill/source", "--import", "tsx", "services/main.ts"];
  const child: ChildProcess = spawn(
    process.execPath,
    [...nodeArgs, ...entry, ...(options.args ?? []), "--port", String(options.port ?? 0)],
    {
      cwd: options.cwd ?? root,
      env: {
        ...process.env,
        NODE_OPTIONS: "",
        DATABASE_URL: env.databaseUrl,
        NATS_URL: env.natsUrl,
        EVENT_PREFIX: env.prefix,
        MAIL_DIR: env.mailDir,
        LOG_LEVEL: "warn",
        WEBHOOK_ALLOWED_HOSTS: loopbackWebhookHosts,
        // Tests, chaos and bench hammer one token on purpose; those measuring limits set their own.
        RATE_LIMITS: "off",
        ...variables,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  let listening: ((url: string) => void) | undefined;
  const log = options.logFile ? createWriteStream(options.logFile, { flags: "a" }) : undefined;
  const read = (chunk: Buffer) => {
    log?.write(chunk);
    output += chunk.toString();
    if (!listening) return;
    const match = /listening on (http:\/\/\S+)/.exec(output);
    if (match?.[1]) listening(match[1]);
  };
  child.stdout?.on("data", read);
  child.stderr?.on("data", read);
  const exited = once(child, "exit");
  const exit = exited.then(
    ([code, signal]): WaybillExit => ({ code, signal }),
    (): WaybillExit => ({ code: null, signal: null }),
  );
  void exit.then(() => log?.end());
  // Resolved by the line announcing the port, or refused if the process ends before it.
  const url = await new Promise<string>((resolve, reject) => {
    listening = resolve;
    void exited.then(() => reject(new Error(`waybill exited during start:\n${output}`)), reject);
  });
  listening = undefined;
  return {
    url,
    pid: child.pid ?? 0,
    exit,
    output: () => output,
    running: () => child.exitCode === null && child.signalCode === null,
    signal(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
        await exited;
      }
    },
  };
}
