import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * Runs `work` while no other process holds the lock `lockDir`: a directory made with `mkdir` is
 * atomic across processes (test files run in parallel, several `npm start`s may begin at once),
 * and a lock left by a process that died is taken over.
 *
 * @example
 * await withBuildLock(join(root, ".build/console-build.lock"), () => build());
 */
export async function withBuildLock<T>(lockDir: string, work: () => Promise<T>, timeoutMs = 300_000): Promise<T> {
  await acquire(lockDir, timeoutMs);
  try {
    return await work();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}

/**
 * A digest of every file under `inputs` (paths relative to `root`, files or folders), names and
 * contents: it changes when any input does, so a build stamped with it is known to be stale.
 */
export async function inputsHash(root: string, inputs: readonly string[]): Promise<string> {
  const hash = createHash("sha256");
  for (const input of inputs) {
    for (const file of await filesOf(join(root, input))) {
      hash
        .update(file.slice(root.length))
        .update("\0")
        .update(await readFile(file));
    }
  }
  return hash.digest("hex");
}

async function acquire(lockDir: string, timeoutMs: number): Promise<void> {
  await mkdir(join(lockDir, ".."), { recursive: true });
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
    if (Date.now() > deadline) throw new Error(`${lockDir} still held by process ${holder}`);
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

async function filesOf(path: string): Promise<string[]> {
  if (!existsSync(path)) return [];
  const entries = await readdir(path, { withFileTypes: true, recursive: true }).catch(() => null);
  if (entries === null) return [path];
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}
