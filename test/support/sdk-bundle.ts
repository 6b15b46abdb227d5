import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { build, type Rolldown } from "vite";
import { inputsHash, withBuildLock } from "../../scripts/build-lock.js";

const run = promisify(execFile);
const root = new URL("../..", import.meta.url).pathname;
const buildDir = join(root, ".build");
const lockDir = join(buildDir, "sdk-build.lock");
const stampFile = join(buildDir, "sdk-dist.hash");
/** What the built package is made from: a change to any of these makes sdk/dist stale. */
const buildInputs = [
  "sdk/src",
  "sdk/scripts",
  "gen/wire",
  "sdk/package.json",
  "sdk/tsup.config.ts",
  "sdk/tsconfig.build.json",
];

/** A page bundled from the built SDK as a browser would load it: one minified ES module. */
export interface SdkPageBundle {
  /** The page's JavaScript, every chunk of it, minified. */
  readonly code: string;
  /** Minified size in bytes. */
  readonly minBytes: number;
  /** Minified and gzipped (zlib's default level), the size a browser downloads. */
  readonly gzipBytes: number;
}

/**
 * Bundles `entrySource` (a page's TypeScript, importing `@waybill/sdk` and its per-service entries)
 * with vite against the built package (sdk/dist, built first when stale), minified, and measures
 * it. The page is resolved as a browser app would resolve it: the package's `import` conditions,
 * not the monorepo's `@waybill/source`.
 *
 * @example
 * const { code, gzipBytes } = await bundleSdkPage(`
 *   import { createWaybillTransport } from "@waybill/sdk";
 *   import { createInventoryClient } from "@waybill/sdk/inventory";
 *   await createInventoryClient(createWaybillTransport({ baseUrl: location.origin })).listItems({});
 * `);
 */
export function bundleSdkPage(entrySource: string): Promise<SdkPageBundle> {
  return withSdkBuildLock(async () => {
    await buildSdkIfStale();
    // Inside the repository, so that `@waybill/sdk` resolves through node_modules to sdk/.
    await mkdir(buildDir, { recursive: true });
    const pageDir = await mkdtemp(join(buildDir, "sdk-page-"));
    try {
      const entry = join(pageDir, "page.ts");
      await writeFile(entry, entrySource);
      const result = await build({
        configFile: false,
        envFile: false,
        root: pageDir,
        logLevel: "silent",
        build: {
          write: false,
          minify: true,
          modulePreload: false,
          rolldownOptions: { input: entry, output: { codeSplitting: false } },
        },
      });
      const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
      const code = outputs
        .flatMap((output) => output.output)
        .flatMap((file) => (file.type === "chunk" ? [file.code] : []))
        .join("\n");
      return { code, minBytes: Buffer.byteLength(code), gzipBytes: gzipSync(code).length };
    } finally {
      await rm(pageDir, { recursive: true, force: true });
    }
  });
}

/**
 * Builds sdk/dist (`npm run build -w @waybill/sdk`) unless it was built from the current sources.
 * Call it inside {@link withSdkBuildLock}: test files run in parallel, and a build empties dist/.
 */
export async function buildSdkIfStale(): Promise<void> {
  const hash = await inputsHash(root, buildInputs);
  const built = existsSync(join(root, "sdk/dist/index.js")) && existsSync(join(root, "sdk/dist/index.cjs"));
  if (built && (await readFile(stampFile, "utf8").catch(() => "")) === hash) return;
  await run("npm", ["run", "build", "-w", "@waybill/sdk"], { cwd: root, timeout: 180_000 });
  await writeFile(stampFile, hash);
}

let inProcess: Promise<unknown> = Promise.resolve();

/**
 * Runs `work` while no other test (in this process or another) builds or reads sdk/dist: a
 * directory made with `mkdir` is the lock, and a lock left by a process that died is taken over.
 */
export function withSdkBuildLock<T>(work: () => Promise<T>): Promise<T> {
  // In this process one after the other too: the lock directory is one per process's turn.
  const next = inProcess.then(() => withBuildLock(lockDir, work));
  inProcess = next.catch(() => undefined);
  return next;
}
