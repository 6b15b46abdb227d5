import { readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { BenchDocument } from "./bench-document.js";
import { renderHtmlReport } from "./html-report.js";

/**
 * Writes the HTML report of `documents` to `file`, with Chart.js's minified UMD build (the
 * `chart.js` devDependency, pinned) read from node_modules and inlined.
 */
export async function writeHtmlReport(file: string, documents: readonly BenchDocument[]): Promise<void> {
  // The package exports no path to its UMD build: find it beside the main entry.
  const main = createRequire(import.meta.url).resolve("chart.js");
  const chartJs = await readFile(join(dirname(main), "chart.umd.min.js"), "utf8");
  await writeFile(file, renderHtmlReport(documents, chartJs, new Date()));
}
