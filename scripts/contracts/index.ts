/** The contracts as a whole: compiling them to an image, and checking them against releases. */
export {
  type BreakingReport,
  checkBreaking,
  latestReleaseImage,
  releasedVersions,
  releasesDir,
} from "./breaking-check.js";
export { type CompileImageOptions, compileImage, ownContractPaths, repositoryRoot } from "./compile-image.js";
