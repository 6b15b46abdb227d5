import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The root package's name: it tells the repository's package.json from the workspaces'. */
const rootPackageName = "waybill";

/**
 * The nearest folder at or above `from` whose package.json is the root package (`waybill`).
 * Throws when there is none: Waybill's files are not where they should be.
 *
 * @example
 * findProjectRoot("/app/dist/services/kit/app"); // "/app"
 */
export function findProjectRoot(from: string): string {
  for (let dir = from; ; ) {
    if (isRoot(dir)) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json of "${rootPackageName}" at or above ${from}`);
    dir = parent;
  }
}

function isRoot(dir: string): boolean {
  const manifest = join(dir, "package.json");
  return (
    existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown }).name === rootPackageName
  );
}

/**
 * The repository's (or the image's) root folder, found once from this file: the same whether it
 * runs from its sources (services/kit/app/) or compiled (dist/services/kit/app/), where a path
 * relative to `import.meta.url` would be one folder off.
 */
export const projectRoot = findProjectRoot(dirname(fileURLToPath(import.meta.url)));

/**
 * A path under {@link projectRoot}: files that are not code (package.json, gen/, console/dist/).
 *
 * @example
 * projectPath("console", "dist"); // "/work/main/console/dist"
 */
export function projectPath(...segments: readonly string[]): string {
  return join(projectRoot, ...segments);
}
