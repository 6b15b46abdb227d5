import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { serviceDefinitions } from "../../services/definitions.js";
import { defaultConsoleDir } from "../../services/kit/app/console-routes.js";
import { probePaths } from "../../services/kit/app/probe-routes.js";
import { loadConfig } from "../../services/kit/config/index.js";
import { execForm, type Instruction, parseDockerfile, parseDockerignore } from "./dockerfile-model.js";
import { runtimeFiles } from "./runtime-stage.js";

// The container image, checked offline: there is no container engine on the development machines.
const root = new URL("../..", import.meta.url).pathname;
const stages = parseDockerfile(readFileSync(join(root, "Dockerfile"), "utf8"));
const dockerignore = parseDockerignore(readFileSync(join(root, ".dockerignore"), "utf8"));
const runtime = stages.at(-1)!;
const stageNamed = (name: string) => stages.find((stage) => stage.name === name);
const all = (keyword: string, instructions: readonly Instruction[]) =>
  instructions.filter((instruction) => instruction.keyword === keyword);
/** The stages `stage` is built on, itself first. */
const lineage = (stage: (typeof stages)[number]): (typeof stages)[number][] => {
  const parent = stageNamed(stage.from);
  return parent ? [stage, ...lineage(parent)] : [stage];
};
const runs = (stage: (typeof stages)[number]) => lineage(stage).flatMap((s) => all("RUN", s.instructions));
/** What `npm run build` makes: the services' outDir, the SDK's dist (its exports), the console's build. */
const buildOutputs = [
  (JSON.parse(readFileSync(join(root, "tsconfig.build.json"), "utf8")) as { compilerOptions: { outDir: string } })
    .compilerOptions.outDir,
  "sdk/dist",
  relative(root, defaultConsoleDir),
];

describe("Dockerfile", () => {
  it("pins every base image to an exact version (no latest, no bare major)", () => {
    const bases = stages.map((stage) => stage.from).filter((from) => !stageNamed(from));
    expect(bases.length).toBeGreaterThan(0);
    for (const base of bases) expect(base).toMatch(/^[\w./-]+:\d+\.\d+\.\d+(-[\w.]+)*(@sha256:[0-9a-f]{64})?$/);
    // The Node release the engines allow (^20.19.0).
    for (const base of bases.filter((b) => b.startsWith("node:"))) expect(base).toMatch(/^node:20\.(19|[2-9]\d)\./);
  });

  it("builds in its own stage with npm ci and npm run build, and runs with production dependencies only", () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const build = stages.find((stage) => runs(stage).some((run) => /\bnpm run build\b/.test(run.args)));
    expect(build, "a stage that runs npm run build").toBeDefined();
    expect(runs(build!).some((run) => /\bnpm ci\b/.test(run.args))).toBe(true);
    expect(build).not.toBe(runtime);
    // What the runtime holds comes from stages that installed with --omit=dev, or from the build's outputs.
    for (const copy of all("COPY", runtime.instructions)) {
      const source = stageNamed(copy.flags.from ?? "");
      if (!source || source === build) continue;
      // Dependencies installed (npm itself, installed globally, is not one).
      const installs = runs(source).filter(
        (run) => /\bnpm (ci|install)\b/.test(run.args) && !/--global/.test(run.args),
      );
      expect(installs.length).toBeGreaterThan(0);
      for (const install of installs) expect(install.args).toMatch(/\bnpm ci --omit=dev\b/);
    }
    for (const copy of all("COPY", runtime.instructions).filter((c) => stageNamed(c.flags.from ?? "") === build)) {
      expect(copy.args).not.toMatch(/node_modules/);
      expect(copy.args.split(/\s+/)[0]).not.toMatch(/^\/app\/?$/);
    }
    expect(runs(runtime).filter((run) => /\bnpm\b/.test(run.args))).toEqual([]);
  });

  it("runs as a non-root user with the production settings on the default port", () => {
    const user = all("USER", runtime.instructions).at(-1)?.args;
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    const envs = all("ENV", runtime.instructions)
      .flatMap((env) => env.args.split(/\s+/))
      .map((pair) => pair.split("="));
    const env = Object.fromEntries(envs);
    expect(env).toMatchObject({ NODE_ENV: "production", HOST: "0.0.0.0" });
    const defaultPort = loadConfig({}, {}, serviceDefinitions).port;
    expect(env.PORT).toBe(String(defaultPort));
    expect(all("EXPOSE", runtime.instructions).map((e) => e.args)).toEqual([String(defaultPort)]);
  });

  it("runs the production entry with node, arguments selecting the services", () => {
    const entrypoint = execForm(all("ENTRYPOINT", runtime.instructions).at(-1)?.args ?? "");
    const startProd = (
      JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }
    ).scripts["start:prod"];
    expect(entrypoint).toEqual(startProd?.split(" "));
    expect(entrypoint?.[0]).toBe("node");
    expect(entrypoint?.join(" ")).not.toMatch(/tsx|\.ts\b|--conditions|--import|--loader/);
    // `docker run waybill --service orders`: CMD, if any, is empty, so the arguments are the services.
    const cmd = all("CMD", runtime.instructions).at(-1);
    if (cmd) expect(execForm(cmd.args)).toEqual([]);
    // The entry is the compiled services/main.ts.
    const source = (entrypoint?.[1] ?? "").replace(`${buildOutputs[0]}/`, "").replace(/\.js$/, ".ts");
    expect(source).toBe("services/main.ts");
  });

  it("checks health with node's fetch on a path the server answers", () => {
    const healthchecks = all("HEALTHCHECK", runtime.instructions);
    expect(healthchecks).toHaveLength(1);
    const command = healthchecks[0]!.args;
    expect(command).toMatch(/^CMD\s/);
    const argv = execForm(command.replace(/^CMD\s+/, ""));
    expect(argv?.slice(0, 2)).toEqual(["node", "-e"]);
    const script = argv?.[2] ?? "";
    expect(script).toMatch(/\bfetch\(['"`]http:\/\/127\.0\.0\.1:/);
    expect(script).toContain("process.env.PORT");
    const paths = [...script.matchAll(/['"`](\/[\w/-]*)['"`]/g)].map((match) => match[1]);
    expect(paths).toHaveLength(1);
    expect(Object.values(probePaths)).toContain(paths[0]);
    expect(command).not.toMatch(/\b(curl|wget)\b/);
  });

  it("copies only files that exist in the repository or that the build stage makes", () => {
    const copies = stages.flatMap((stage) => all("COPY", stage.instructions).map((copy) => ({ stage, copy })));
    expect(copies.length).toBeGreaterThan(0);
    for (const { copy } of copies) {
      const sources = copy.args.split(/\s+/).slice(0, -1);
      const from = stageNamed(copy.flags.from ?? "");
      for (const source of sources) {
        if (!from) {
          if (source === ".") continue;
          expect(existsSync(join(root, source)), source).toBe(true);
          expect(dockerignore.ignores(source), `${source} is in .dockerignore`).toBe(false);
          continue;
        }
        const path = source.replace(/^\/app\/?/, "");
        if (path === "") continue; // the whole working directory of a stage
        expect(existsSync(join(root, path)) || buildOutputs.includes(path), `${source} from ${from.name}`).toBe(true);
      }
    }
  });

  it("puts every file the production process reads into the runtime stage", () => {
    const copied = all("COPY", runtime.instructions).flatMap((copy) => {
      const from = stageNamed(copy.flags.from ?? "");
      const sources = copy.args
        .split(/\s+/)
        .slice(0, -1)
        .map((source) => source.replace(/^\/app\/?/, ""));
      // A whole stage copied: the manifests that stage's lineage copied in.
      if (from && sources.includes(""))
        return lineage(from)
          .flatMap((stage) => all("COPY", stage.instructions))
          .flatMap((c) => c.args.split(/\s+/).slice(0, -1));
      return sources;
    });
    expect(runtimeFiles.filter((file) => !copied.includes(file))).toEqual([]);
  });
});

describe(".dockerignore", () => {
  it("leaves out dependencies, git, build outputs and local state", () => {
    for (const path of ["node_modules", "node_modules/pg/package.json", "sdk/node_modules/x", ".git/HEAD", "dist"])
      expect(dockerignore.ignores(path), path).toBe(true);
    for (const output of buildOutputs) expect(dockerignore.ignores(`${output}/index.js`), output).toBe(true);
  });

  it("keeps every file the build needs", () => {
    // Tracked files and new ones not yet committed (but not what git ignores): a new build input counts at once.
    const tracked = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], {
      cwd: root,
      encoding: "utf8",
    })
      .split("\n")
      .filter(Boolean);
    // What `npm ci` and `npm run build` read: the manifests, compiler settings, and the code trees
    // the services import (simulate/ reaches into load/, chaos/ and bench/).
    const needed = tracked.filter(
      (file) =>
        /^(package(-lock)?\.json|tsconfig(\.build)?\.json)$/.test(file) ||
        /^(services|simulate|load|chaos|bench|gen|sdk|console|scripts)\//.test(file),
    );
    expect(needed.length).toBeGreaterThan(500);
    expect(needed.filter((file) => existsSync(join(root, file)) && dockerignore.ignores(file))).toEqual([]);
  });

  it("reads patterns as Docker does", () => {
    const sample = parseDockerignore("**/node_modules\n*.log\ndocs/images\n!docs/images/keep.png\n");
    expect(sample.ignores("console/node_modules/react/index.js")).toBe(true);
    expect(sample.ignores("app.log")).toBe(true);
    expect(sample.ignores("services/app.log")).toBe(false);
    expect(sample.ignores("docs/images/a.png")).toBe(true);
    expect(sample.ignores("docs/images/keep.png")).toBe(false);
    expect(sample.ignores("docs/cookbook.md")).toBe(false);
  });
});
