import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";

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

/**
 * Builds console/dist (`npm run build -w @waybill/console`) unless it was built from the current
 * sources. `npm start` (through scripts/build-console.ts) and the console's tests call it; several
 * may at once (test files in parallel, one unit per service) and a build empties dist/: a
 * directory made with `mkdir` is a lock across processes (one left by a dead process is taken over).
 */
export async function buildConsoleIfStale(): Promise<void> {
  await acquire();
  try {
    const hash = await inputsHash();
    const built = existsSync(join(consoleDist, "index.html"));
    if (built && (await readFile(stampFile, "utf8").catch(() => "")) === hash) return;
    await run("npm", ["run", "build", "-w", "@waybill/console"], { cwd: root, timeout: 180_000 });
    await writeFile(stampFile, hash);
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}

async function acquire(timeoutMs = 300_000): Promise<void> {
  await mkdir(buildDir, { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await mkdir(lockDir);
      await writeFile(join(lockDir, "pid"), String(process.pid));
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = Number(await readFile(join(lockDir, "pid"), "utf8").catch(() => "0"));
    if (holder > 0 && !isAlive(holder)) await rm(lockDir, { recursive: true, force: true });
    if (Date.now() > deadline) throw new Error(`console-build: ${lockDir} still held by process ${holder}`);
    // Polling a lock held by another process: there is no event to wait on across processes.
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function inputsHash(): Promise<string> {
  const hash = createHash("sha256");
  for (const input of buildInputs) {
    for (const file of await filesOf(join(root, input))) {
      hash
        .update(file.slice(root.length))
        .update("\0")
        .update(await readFile(file));
    }
  }
  return hash.digest("hex");
}

async function filesOf(path: string): Promise<string[]> {
  if (!existsSync(path)) return [];
  const entries = await readdir(path, { withFileTypes: true, recursive: true }).catch(() => null);
  if (entries === null) return [path];
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}
