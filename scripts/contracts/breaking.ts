/**
 * Fails when the contracts in proto/ would break a partner built against the last release
 * (contracts/releases/, see contracts/README.md).
 *
 *   npm run breaking
 */
import { join } from "node:path";
import { checkBreaking, compileImage, latestReleaseImage, repositoryRoot } from "./index.js";

const image = join(repositoryRoot, ".build", "contracts-current.binpb");
compileImage({ protoDir: join(repositoryRoot, "proto"), out: image });
const baseline = latestReleaseImage();
const report = checkBreaking(image, baseline);
if (!report.ok) {
  console.error(report.output);
  console.error(`breaking: proto/ breaks ${baseline.slice(repositoryRoot.length)}`);
  process.exit(1);
}
console.log(`breaking: proto/ is compatible with ${baseline.slice(repositoryRoot.length)}`);
