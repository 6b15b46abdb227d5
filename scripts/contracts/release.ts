/**
 * Records the contracts in proto/ as released: the image becomes the baseline of `npm run
 * breaking` (contracts/README.md).
 *
 *   npm run contracts:release -- 1.1.0
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { compileImage, releasesDir } from "./index.js";

const version = process.argv[2] ?? "";
if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version)) {
  console.error("usage: npm run contracts:release -- <version>   (for example 1.1.0)");
  process.exit(2);
}
const out = join(releasesDir, `${version}.binpb`);
if (existsSync(out)) {
  console.error(`contracts:release: ${version} is already released (${out}); releases are never rewritten`);
  process.exit(1);
}
compileImage({ protoDir: new URL("../../proto", import.meta.url).pathname, out });
console.log(`contracts:release: wrote contracts/releases/${version}.binpb`);
