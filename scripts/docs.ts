/**
 * Writes the generated parts of the documentation (the configuration reference).
 *
 *   npm run docs
 */
import { writeFileSync } from "node:fs";
import { configurationDocPath, configurationMarkdown } from "../services/configuration-doc.js";

const root = new URL("..", import.meta.url).pathname;
writeFileSync(`${root}${configurationDocPath}`, configurationMarkdown());
console.log(`docs: wrote ${configurationDocPath}`);
