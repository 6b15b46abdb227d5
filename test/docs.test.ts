import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configurationDocPath, configurationMarkdown } from "../services/configuration-doc.js";
import { rolesDocPath, rolesMarkdown } from "../services/roles-doc.js";
import { startTestWaybill, type TestWaybill, testAuthSecret } from "./support/test-waybill.js";

const root = new URL("..", import.meta.url).pathname;
const read = (path: string) => readFileSync(`${root}${path}`, "utf8");
const services = ["inventory", "orders", "fleet", "campaigns", "notifications"];
const documents = [
  "README.md",
  "docs/cookbook.md",
  "services/kit/README.md",
  "sdk/README.md",
  "console/README.md",
  "simulate/README.md",
  "cluster/README.md",
  "bench/README.md",
  "deploy/README.md",
  "deploy/compose/README.md",
  "deploy/k8s/README.md",
  "docs/scaling.md",
  ...services.map((service) => `services/${service}/README.md`),
];

/** The ```sh blocks of a Markdown document, in order. */
function shellBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((match) => match[1] ?? "");
}

/** Runs a bash script in the repository and collects its output. */
function runBash(script: string, env: Record<string, string>, timeoutMs: number) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn("bash", ["-euo", "pipefail", "-c", script], {
      cwd: root,
      env: { ...process.env, ...env },
      timeout: timeoutMs,
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("close", (code) => resolve({ code, output }));
  });
}

describe("documentation", () => {
  it("the configuration reference is the one the settings declarations write (npm run docs)", () => {
    expect(read(configurationDocPath)).toBe(configurationMarkdown());
  });

  it("the role matrix is the one the contracts' access options write (npm run docs)", () => {
    const matrix = rolesMarkdown();
    expect(read(rolesDocPath)).toBe(matrix);
    // A row per RPC of the image: PlaceOrder is open to partners and customers (not brands), RebuildStock to admins.
    const rows = matrix.split("\n");
    expect(rows).toContain("| `PlaceOrder` | ✓ |  | ✓ | ✓ |  | ✓ |");
    expect(rows).toContain("| `RebuildStock` | ✓ |  |  |  |  |  |");
  });

  it("names only npm scripts that exist, in the package they name", () => {
    const scriptsOf = (path: string) => Object.keys(JSON.parse(read(path)).scripts as Record<string, string>);
    const packages: Readonly<Record<string, string>> = {
      "": "package.json",
      "@waybill/sdk": "sdk/package.json",
      "@waybill/console": "console/package.json",
    };
    for (const document of documents) {
      for (const [, name, workspace = ""] of read(document).matchAll(
        /npm run(?: -s)? ([a-z][a-z:-]*)(?: -w (@?[a-z0-9/_-]+))?/g,
      )) {
        const path = packages[workspace];
        expect(path, `${document} names the workspace ${workspace}`).toBeDefined();
        expect(scriptsOf(path ?? ""), `${document} runs "npm run ${name}"`).toContain(name);
      }
    }
  });

  it("has no internal vocabulary of the team's issue tracker or design seeds", () => {
    for (const document of documents) {
      // A random generator's `--seed` option is the ecosystem's word, not the team's.
      expect(read(document).replaceAll("--seed", "--random-start"), document).not.toMatch(/\bseeds?\b|issue notes?/i);
    }
  });

  describe("the cookbook", () => {
    let waybill: TestWaybill;
    beforeAll(async () => {
      waybill = await startTestWaybill();
    });
    afterAll(() => waybill?.stop());

    it("runs from top to bottom against a fresh Waybill", async () => {
      const script = shellBlocks(read("docs/cookbook.md")).join("\n");
      expect(script).toContain("PlaceOrder");
      const { code, output } = await runBash(script, { WAYBILL: waybill.url, AUTH_SECRET: testAuthSecret }, 90_000);
      expect(output).toContain("ORDER_STATUS_READY_FOR_DISPATCH");
      expect(code, output).toBe(0);
    }, 120_000);
  });
});
