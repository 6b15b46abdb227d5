import { createTokenIssuer } from "../../services/kit/auth/index.js";
import { createIsolatedEnvironment, type IsolatedEnvironment } from "../../test/support/isolated-environment.js";
import { spawnWaybill } from "../../test/support/waybill-process.js";

/** Waybill started for a benchmark in its own process, on its own database and event prefix. */
export interface BenchWaybill {
  readonly url: string;
  readonly env: IsolatedEnvironment;
  /** Signs a token for the bench's secret. */
  token(role: "admin" | "brand" | "customer" | "service", brandId?: string, subject?: string): Promise<string>;
  /** Stops the process and removes the database and streams. */
  stop(): Promise<void>;
}

const secret = "bench-secret-of-at-least-thirty-two-characters";

/**
 * Starts `npm start`'s entry point as a separate process (as it would be deployed), so the load
 * generator does not share its event loop. Logs at `warn`: per-RPC info lines are a deployment
 * choice, not part of what is measured.
 */
export async function startBenchWaybill(extraEnv: Readonly<Record<string, string>> = {}): Promise<BenchWaybill> {
  const env = await createIsolatedEnvironment();
  // BENCH_NODE_ARGS passes flags to Waybill's node, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const waybill = await spawnWaybill(env, { AUTH_SECRET: secret, ...extraEnv }, nodeArgs).catch(
    async (error: unknown) => {
      await env.cleanup();
      throw error;
    },
  );
  const tokens = createTokenIssuer(secret);
  return {
    url: waybill.url,
    env,
    token: (role, brandId, subject) =>
      tokens.sign({ subject: subject ?? `bench-${role}`, role, ...(brandId ? { brandId } : {}) }),
    async stop() {
      await waybill.kill("SIGTERM");
      await env.cleanup();
    },
  };
}
