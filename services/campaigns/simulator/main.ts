/**
 * Entry point of `npm run platform-sim`: the ad platform simulator on its own, for trying
 * Campaigns against a flaky platform (`PLATFORM_URL=http://127.0.0.1:4010 npm start`).
 *
 *   npm run platform-sim
 *   npm run platform-sim -- --port 4010 --latency-ms 200 --error-rate 0.1 --rate-limit-rate 0.05 --lost-rate 0.05
 */
import { parseArgs } from "node:util";
import { startPlatformSimulator } from "./simulator-server.js";

function rate(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!(value >= 0 && value <= 1)) throw new Error(`--${name} must be a number from 0 to 1, not "${text}"`);
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      host: { type: "string", default: "127.0.0.1" },
      port: { type: "string", default: "4010" },
      "latency-ms": { type: "string" },
      "error-rate": { type: "string" },
      "rate-limit-rate": { type: "string" },
      "lost-rate": { type: "string" },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a port number, not "${values.port}"`);
  const latencyMs = values["latency-ms"] === undefined ? undefined : Number(values["latency-ms"]);
  if (latencyMs !== undefined && !(Number.isInteger(latencyMs) && latencyMs >= 0))
    throw new Error("--latency-ms must be a whole number of milliseconds");
  const chaos = {
    ...(latencyMs !== undefined ? { latencyMs } : {}),
    ...(values["error-rate"] !== undefined ? { errorRate: rate("error-rate", values["error-rate"]) } : {}),
    ...(values["rate-limit-rate"] !== undefined
      ? { rateLimitRate: rate("rate-limit-rate", values["rate-limit-rate"]) }
      : {}),
    ...(values["lost-rate"] !== undefined ? { lostRate: rate("lost-rate", values["lost-rate"]) } : {}),
  };
  const simulator = await startPlatformSimulator({ host: values.host, port, chaos });
  console.log(`ad platform simulator listening on ${simulator.url} (PLATFORM_URL=${simulator.url})`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => void simulator.close().then(() => process.exit(0)));
  }
}

main().catch((error: unknown) => {
  console.error(`platform-sim: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
