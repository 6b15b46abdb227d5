import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createTokenIssuer } from "../../services/kit/auth/index.js";
import { createIsolatedEnvironment, type IsolatedEnvironment } from "../../test/support/isolated-environment.js";

/** Waybill started for a benchmark in its own process, on its own database and event prefix. */
export interface BenchWaybill {
  readonly url: string;
  readonly env: IsolatedEnvironment;
  /** Signs a token for the bench's secret. */
  token(role: "admin" | "brand" | "customer" | "service", brandId?: string, subject?: string): Promise<string>;
  /** Stops the process and removes the database and streams. */
  stop(): Promise<void>;
}

const root = new URL("../..", import.meta.url).pathname;
const secret = "bench-secret-of-at-least-thirty-two-characters";

/**
 * Starts `npm start`'s entry point as a separate process (as it would be deployed), so the load
 * generator does not share its event loop. Logs at `warn`: per-RPC info lines are a deployment
 * choice, not part of what is measured.
 */
export async function startBenchWaybill(extraEnv: Readonly<Record<string, string>> = {}): Promise<BenchWaybill> {
  const env = await createIsolatedEnvironment();
  // BENCH_NODE_ARGS passes flags to Waybill's node, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it.
  const nodeArgs = (process.env["BENCH_NODE_ARGS"] ?? "").split(" ").filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "services/main.ts", "--port", "0"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_OPTIONS: "",
      DATABASE_URL: env.databaseUrl,
      NATS_URL: env.natsUrl,
      EVENT_PREFIX: env.prefix,
      AUTH_SECRET: secret,
      LOG_LEVEL: "warn",
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearInterval(timer);
        resolve(match[1]);
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`waybill exited during start:\n${output}`));
      }
    }, 50);
  }).catch(async (error: unknown) => {
    await env.cleanup();
    throw error;
  });
  const tokens = createTokenIssuer(secret);
  return {
    url,
    env,
    token: (role, brandId, subject) => tokens.sign({ subject: subject ?? `bench-${role}`, role, ...(brandId ? { brandId } : {}) }),
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await once(child, "exit");
      }
      await env.cleanup();
    },
  };
}
