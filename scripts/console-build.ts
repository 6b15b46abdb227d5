import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { inputsHash, withBuildLock } from "./build-lock.js";

const run = promisify(execFile);
const root = new URL("..", import.meta.url).pathname;
const buildDir = join(root, ".build");
const lockDir = join(buildDir, "console-build.lock");
const stampFile = join(buildDir, "console-dist.hash");
/** The directory Waybill serves the console from (CONSOLE_DIR's default). */
export const consoleDist = join(root, "console/dist");
/** What the console is built from: a change to any of these makes console/dist stale. */
const buildInputs = [
  "console/src",
  "console/index.html",
  "console/vite.config.ts",
  "console/package.json",
  "sdk/src",
  "gen/waybill",
  "gen/wire",
];

/** Whether the console build writes source maps (as console/vite.config.ts decides). */
export function sourceMapsWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CONSOLE_SOURCEMAPS === "true";
}

/**
 * Builds console/dist (`npm run build -w @waybill/console`) unless it was built from the current
 * sources. `npm start` (through scripts/build-console.ts) and the console's tests call it; several
 * may at once (test files in parallel, one unit per service) and a build empties dist/, so it runs
 * under a lock across processes.
 */
export function buildConsoleIfStale(): Promise<void> {
  return withBuildLock(lockDir, async () => {
    // The build's settings are inputs too: a build made with source maps must not keep serving
    // them once they are turned off (console/vite.config.ts reads CONSOLE_SOURCEMAPS).
    const hash = `${await inputsHash(root, buildInputs)} sourcemaps=${sourceMapsWanted()}`;
    const built = existsSync(join(consoleDist, "index.html"));
    if (built && (await readFile(stampFile, "utf8").catch(() => "")) === hash) return;
    await run("npm", ["run", "build", "-w", "@waybill/console"], { cwd: root, timeout: 180_000 });
    await writeFile(stampFile, hash);
  });
}
