import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { availableParallelism, loadavg } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { createIsolatedEnvironment } from "../test/support/isolated-environment.js";
import { spawnWaybill } from "../test/support/waybill-process.js";
import { percentile } from "./support/latency-stats.js";
import { alignTable } from "./support/text-table.js";

const run = promisify(execFile);
const root = new URL("..", import.meta.url).pathname;
/** What `npm run build` compiles `npm start`'s entry point to. */
const builtEntry = join(root, "dist/services/main.js");
const secret = "bench-secret-of-at-least-thirty-two-characters";

/** The goal: from the process's start to `GET /readyz` answering 200. */
export const startupGoalMs = 3000;

/** How Waybill's entry point is run. */
export type StartupRunner = "tsx (sources)" | "node (dist)";

/** One process shape, started `runs` times by one runner. */
export interface StartupResult {
  /** `all-in-one` (the five services) or the one service started (`--service orders`). */
  readonly scenario: string;
  readonly runner: StartupRunner;
  /** The first start, on a fresh database: migrations applied, streams created. */
  readonly firstMs: number;
  /** Every start after it, on the database the first one prepared (as a restart or a new replica). */
  readonly samplesMs: readonly number[];
  readonly p50Ms: number;
  readonly maxMs: number;
  /**
   * The process's CPU time (user + system) when it was first ready, p50 of the later starts: what
   * the start costs whatever else the machine runs, where the wall-clock time grows with the load.
   */
  readonly cpuP50Ms: number;
}

/** Options of {@link benchStartup}. */
export interface StartupOptions {
  /** Starts of each scenario and runner after the first. */
  readonly runs: number;
  /** Called with a line saying what runs now (the build, each start). */
  readonly progress?: (line: string) => void;
}

const scenarios: readonly { readonly name: string; readonly args: readonly string[] }[] = [
  { name: "all-in-one", args: [] },
  { name: "orders", args: ["--service", "orders"] },
];

/**
 * Start-up time of Waybill's entry point, from spawning the process to the first `GET /readyz`
 * answering 200 (port open, migrations and streams in place, consumers and workers running,
 * PostgreSQL and NATS answering): all five services in one process and Orders alone, each run by
 * tsx from the sources (`npm start`) and by plain node from the build (`npm run start:prod`), which
 * this runs first (`npm run build`) so that the build measured is the sources'. Each pair gets a
 * database and event prefix of its own: the first start meets them empty, the others as left.
 */
export async function benchStartup(options: StartupOptions): Promise<StartupResult[]> {
  const say = options.progress ?? (() => {});
  say("npm run build");
  await run("npm", ["run", "build"], { cwd: root, maxBuffer: 16 << 20 });
  const results: StartupResult[] = [];
  for (const scenario of scenarios) {
    for (const runner of ["tsx (sources)", "node (dist)"] as const) {
      const env = await createIsolatedEnvironment();
      try {
        const starts: OneStart[] = [];
        for (let i = 0; i <= options.runs; i++) {
          say(`${scenario.name}, ${runner}: start ${i + 1} of ${options.runs + 1}`);
          starts.push(await timeOneStart(env, scenario.args, runner));
        }
        const [first, ...later] = starts;
        const samplesMs = later.map((start) => start.wallMs);
        const sorted = [...samplesMs].sort((a, b) => a - b);
        results.push({
          scenario: scenario.name,
          runner,
          firstMs: first?.wallMs ?? 0,
          samplesMs,
          p50Ms: percentile(sorted, 0.5),
          maxMs: sorted.at(-1) ?? 0,
          cpuP50Ms: percentile(
            later.map((start) => start.cpuMs).sort((a, b) => a - b),
            0.5,
          ),
        });
      } finally {
        await env.cleanup();
      }
    }
  }
  return results;
}

/** One start: wall-clock and CPU milliseconds to the first ready answer. */
interface OneStart {
  readonly wallMs: number;
  readonly cpuMs: number;
}

/** Linux's clock ticks per second, the unit of /proc/<pid>/stat's CPU times. */
const ticksPerSecond = 100;

/** The CPU time (user + system, ms) a process has used so far, from /proc (Linux). */
async function cpuMsOf(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8");
  // The fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Math.round(((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond);
}

/** Spawns one process, times it to its first ready answer, then stops it (SIGTERM). */
async function timeOneStart(
  env: Awaited<ReturnType<typeof createIsolatedEnvironment>>,
  args: readonly string[],
  runner: StartupRunner,
): Promise<OneStart> {
  const started = performance.now();
  // BENCH_NODE_ARGS as for every benchmark: "--cpu-prof --cpu-prof-dir=/tmp/prof" profiles each start.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const waybill = await spawnWaybill(env, { AUTH_SECRET: secret }, nodeArgs, {
    args,
    ...(runner === "node (dist)" ? { entry: builtEntry } : {}),
  });
  try {
    // Polled as a load balancer would, but often: the delay adds at most 10 ms to a sample.
    for (;;) {
      const ready = await fetch(`${waybill.url}/readyz`).then(
        (response) => response.status === 200,
        () => false,
      );
      if (ready) return { wallMs: Math.round(performance.now() - started), cpuMs: await cpuMsOf(waybill.pid) };
      if (!waybill.running()) throw new Error(`waybill exited before it was ready:\n${waybill.output()}`);
      if (performance.now() - started > 60_000) throw new Error(`not ready after 60 s:\n${waybill.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    await waybill.kill("SIGTERM");
  }
}

/** The results as an aligned table, with the goal's verdict per row (the later starts' p50). */
export function formatStartupTable(results: readonly StartupResult[]): string {
  const header = ["scenario", "runner", "first ms", "p50 ms", "max ms", "cpu p50 ms", "runs", `≤ ${startupGoalMs} ms`];
  const rows = results.map((r) => [
    r.scenario,
    r.runner,
    String(r.firstMs),
    String(r.p50Ms),
    String(r.maxMs),
    String(r.cpuP50Ms),
    String(r.samplesMs.length),
    r.p50Ms <= startupGoalMs ? "yes" : "no",
  ]);
  // Wall-clock times grow with whatever else runs: the load says how idle the machine was.
  const load = `load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores at the end`;
  return `${alignTable(header, rows, 2)}\n(${load})`;
}
