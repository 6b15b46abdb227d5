/**
 * `npm run build`: the production build, run by plain `node` with no TypeScript at run time
 * (`npm run start:prod`, the container image).
 *
 *   npm run build        the SDK (sdk/dist), the services (dist/), the console (console/dist)
 *
 * The SDK comes first: the services import `@waybill/sdk`, which resolves to sdk/dist without the
 * `@waybill/source` condition, for the compiler's types as for node. `tsc -p tsconfig.build.json`
 * compiles services/ and what it imports (simulate/) file by file into dist/, the same tree, and
 * type-checks on the way, so a build never ships code the type checker refused. Files of services/
 * that are not code (the email templates) are copied beside it.
 */
import { execFile } from "node:child_process";
import { cp, readdir, rm } from "node:fs/promises";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { withBuildLock } from "./build-lock.js";
import { buildConsoleIfStale } from "./console-build.js";

const run = promisify(execFile);
const root = new URL("..", import.meta.url).pathname;
/** Where the services are compiled to (tsconfig.build.json's outDir; ignored by git). */
export const buildDir = join(root, "dist");
/** The lock the SDK's tests build and read sdk/dist under (test/support/sdk-bundle.ts): tsup empties it first. */
const sdkLock = join(root, ".build/sdk-build.lock");

/** Every file under `dir` that the build must copy rather than compile. */
async function assetsUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && !/\.(ts|md)$/.test(entry.name))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

async function step(name: string, work: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  process.stdout.write(`build: ${name}…`);
  await work();
  process.stdout.write(` ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

try {
  // A clean tree: tsc never removes the output of a source that is gone.
  await step("clean dist/", () => rm(buildDir, { recursive: true, force: true }));
  // tsc reads the SDK's declarations: both under the lock, so that no test empties sdk/dist meanwhile.
  await withBuildLock(sdkLock, async () => {
    await step("SDK (npm run build -w @waybill/sdk)", () =>
      run("npm", ["run", "build", "-w", "@waybill/sdk"], { cwd: root, maxBuffer: 16 << 20 }),
    );
    await step("services (tsc -p tsconfig.build.json)", () =>
      run(join(root, "node_modules/.bin/tsc"), ["-p", "tsconfig.build.json"], { cwd: root, maxBuffer: 16 << 20 }),
    );
  });
  await step("assets of services/", async () => {
    for (const file of await assetsUnder(join(root, "services"))) await cp(join(root, file), join(buildDir, file));
  });
  await step("console (npm run build -w @waybill/console)", () => buildConsoleIfStale());
  console.log("build: done; run it with `npm run start:prod` (node dist/services/main.js)");
} catch (error) {
  // execFile's error carries the tool's output: tsc prints its diagnostics on stdout.
  const { stdout, stderr } = error as { stdout?: string; stderr?: string };
  console.error(`\n${stdout ?? ""}${stderr ?? ""}`.trimEnd());
  console.error(`build failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  process.exit(1);
}
