import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import type { IsolatedEnvironment } from "./isolated-environment.js";

/** Waybill running as its own operating-system process, as it is deployed. */
export interface WaybillProcess {
  readonly url: string;
  /** Everything the process printed so far. */
  output(): string;
  /** Sends `signal` (SIGKILL for a crash) and waits for the process to exit. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

const root = new URL("../..", import.meta.url).pathname;

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
): Promise<WaybillProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [...nodeArgs, "--conditions=@waybill/source", "--import", "tsx", "services/main.ts", "--port", "0"],
    {
      cwd: root,
      env: {
        ...process.env,
        NODE_OPTIONS: "",
        DATABASE_URL: env.databaseUrl,
        NATS_URL: env.natsUrl,
        EVENT_PREFIX: env.prefix,
        MAIL_DIR: env.mailDir,
        LOG_LEVEL: "warn",
        ...variables,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  let listening: ((url: string) => void) | undefined;
  const read = (chunk: Buffer) => {
    output += chunk.toString();
    const match = /listening on (http:\/\/\S+)/.exec(output);
    if (match?.[1]) listening?.(match[1]);
  };
  child.stdout?.on("data", read);
  child.stderr?.on("data", read);
  const exited = once(child, "exit");
  // Resolved by the line announcing the port, or refused if the process ends before it.
  const url = await new Promise<string>((resolve, reject) => {
    listening = resolve;
    void exited.then(() => reject(new Error(`waybill exited during start:\n${output}`)), reject);
  });
  listening = undefined;
  return {
    url,
    output: () => output,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
        await exited;
      }
    },
  };
}
