/**
 * Writes the generated parts of the documentation (the configuration reference and the role matrix).
 *
 *   npm run docs
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { configurationDocPath, configurationMarkdown } from "../services/configuration-doc.js";
import { rolesDocPath, rolesMarkdown } from "../services/roles-doc.js";

const root = new URL("..", import.meta.url).pathname;
writeFileSync(`${root}${configurationDocPath}`, configurationMarkdown());
console.log(`docs: wrote ${configurationDocPath}`);
writeFileSync(`${root}${rolesDocPath}`, rolesMarkdown());
console.log(`docs: wrote ${rolesDocPath}`);
// The SDK's API reference (TypeDoc, sdk/typedoc.json), into docs/sdk-api/: generated HTML, ignored
// by git and rebuilt on demand rather than committed and reviewed.
execFileSync(process.execPath, [`${root}node_modules/typedoc/bin/typedoc`, "--options", `${root}sdk/typedoc.json`], {
  cwd: `${root}sdk`,
  stdio: "inherit",
});
console.log("docs: wrote docs/sdk-api/ (the SDK's API reference)");
