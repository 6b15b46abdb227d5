import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { withBuildLock } from "../../scripts/build-lock.js";
import { withSdkBuildLock } from "../support/sdk-bundle.js";

const run = promisify(execFile);
const root = new URL("../..", import.meta.url).pathname;

/**
 * What the image's runtime stage holds besides `node_modules`, as paths of the repository: the
 * manifests, the production build (`dist/`, with the email templates), the contracts (`gen/`, the
 * workspace `@waybill/contracts`), the SDK's build and the console's. Nothing else is read at run
 * time; dockerfile.test.ts checks that the Dockerfile copies all of it.
 */
export const runtimeFiles = [
  "package.json",
  "dist",
  "gen",
  "sdk/package.json",
  "sdk/dist",
  "console/package.json",
  "console/dist",
] as const;

/** The workspaces as npm links them in node_modules/@waybill (console is not needed at run time). */
const workspaceLinks: Readonly<Record<string, string>> = { sdk: "../../sdk", contracts: "../../gen" };

/**
 * The packages at the top of node_modules that `npm ci --omit=dev` installs (`@scope/name` or
 * `name`), as npm lists the production tree of the lockfile; the workspaces are not among them.
 */
async function productionPackages(): Promise<string[]> {
  const { stdout } = await run("npm", ["ls", "--omit=dev", "--all", "--parseable"], { cwd: root, maxBuffer: 16 << 20 });
  const names = stdout
    .split("\n")
    .map((path) => relative(join(root, "node_modules"), path).split("/"))
    .filter((segments) => segments[0] !== ".." && segments[0] !== "" && !segments.includes("node_modules"))
    .map((segments) => (segments[0]?.startsWith("@") ? segments.slice(0, 2) : segments.slice(0, 1)).join("/"));
  return [...new Set(names)].filter((name) => !name.startsWith("@waybill/"));
}

/**
 * Lays out the image's runtime stage in a new temporary folder, which it returns: the
 * {@link runtimeFiles} copied (run `npm run build` first), and a `node_modules` linking the
 * repository's production packages only (no devDependency) and the workspaces
 * to the copies, as npm links them. So no TypeScript source of Waybill is reachable from it, a
 * development package the build imports is missing as it would be in the image, and a rebuild of
 * sdk/dist by another test file cannot change what runs. The caller removes the folder.
 */
export async function stageRuntime(): Promise<string> {
  const stage = await mkdtemp(join(tmpdir(), "waybill-runtime-"));
  // Other test files rebuild sdk/dist and console/dist (emptied first): each is copied under its build's lock.
  const consoleLock = join(root, ".build/console-build.lock");
  for (const path of runtimeFiles) {
    const copy = () => cp(join(root, path), join(stage, path), { recursive: true });
    if (path === "sdk/dist") await withSdkBuildLock(copy);
    else if (path === "console/dist") await withBuildLock(consoleLock, copy);
    else await copy();
  }
  const modules = join(stage, "node_modules");
  await mkdir(join(modules, "@waybill"), { recursive: true });
  for (const name of await productionPackages()) {
    await mkdir(join(modules, name, ".."), { recursive: true });
    await symlink(join(root, "node_modules", name), join(modules, name));
  }
  for (const [name, target] of Object.entries(workspaceLinks)) await symlink(target, join(modules, "@waybill", name));
  return stage;
}
