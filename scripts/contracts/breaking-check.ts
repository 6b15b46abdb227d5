import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { ownContractPaths, repositoryRoot } from "./compile-image.js";

/** The folder of released contract images, one `<version>.binpb` per release. */
export const releasesDir: string = join(repositoryRoot, "contracts", "releases");

/** What `buf breaking` said. */
export interface BreakingReport {
  /** True when nothing breaks the baseline. */
  readonly ok: boolean;
  /** buf's findings, one per line (empty when ok). */
  readonly output: string;
}

/**
 * Runs `buf breaking` (the FILE rules of buf.yaml) of `image` against the `against` image, over
 * our own contracts only, as lint does.
 */
export function checkBreaking(image: string, against: string): BreakingReport {
  const result = spawnSync(
    "npx",
    ["buf", "breaking", image, "--against", against, "--config", "buf.yaml", ...ownContractPaths],
    { cwd: repositoryRoot, encoding: "utf8" },
  );
  if (result.error) throw result.error;
  const output = `${result.stdout}${result.stderr}`.trim();
  // buf exits 100 for breaking changes; anything else non-zero is a failure to run the check.
  if (result.status !== 0 && result.status !== 100) throw new Error(`buf breaking failed: ${output}`);
  return { ok: result.status === 0, output };
}

/** The released versions in {@link releasesDir}, oldest first (numeric semver order). */
export function releasedVersions(): string[] {
  const versions = readdirSync(releasesDir)
    .filter((name) => name.endsWith(".binpb"))
    .map((name) => name.slice(0, -".binpb".length));
  return versions.sort(compareVersions);
}

/** The image of the last release, the baseline of the breaking check. */
export function latestReleaseImage(): string {
  const latest = releasedVersions().at(-1);
  if (latest === undefined) throw new Error(`no released contracts in ${releasesDir}`);
  return join(releasesDir, `${latest}.binpb`);
}

function compareVersions(a: string, b: string): number {
  const parts = (version: string) => version.split(/[.-]/).map((part) => Number.parseInt(part, 10) || 0);
  const [left, right] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return a.localeCompare(b);
}
