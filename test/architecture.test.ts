import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { serviceDefinitions } from "../services/definitions.js";

/**
 * The layering rule every service follows (README, "How a service is built"), checked on the
 * imports of its files. A folder may use the folders listed for it; `index.ts` and `settings.ts`
 * wire the service and may use all of them.
 */
const layers: Readonly<Record<string, readonly string[]>> = {
  handlers: ["handlers", "operations", "wire", "domain"],
  operations: ["operations", "domain", "storage", "channels", "platform", "wire"],
  events: ["events", "operations", "domain", "wire"],
  workers: ["workers", "operations", "domain", "simulator"],
  wire: ["wire", "domain"],
  domain: ["domain"],
  storage: ["storage", "domain"],
  channels: ["channels", "domain"],
  platform: ["platform", "domain"],
  migrations: ["migrations"],
  simulator: ["simulator", "platform"],
  templates: [],
};

/** Packages a layer must not reach for: I/O belongs below the handlers, rules stay pure. */
const forbiddenPackages: Readonly<Record<string, readonly RegExp[]>> = {
  handlers: [/^kysely$/, /^pg$/, /^@nats-io\//],
  domain: [/^kysely$/, /^pg$/, /^@nats-io\//, /^@connectrpc\//, /^nodemailer$/, /^ky$/],
  wire: [/^pg$/, /^@nats-io\//],
};

/** Kit modules a layer must not use: transactions, idempotency and events are the operations'. */
const forbiddenKit: Readonly<Record<string, readonly string[]>> = {
  handlers: ["database", "idempotency", "events", "pagination", "streaming"],
  domain: ["database", "idempotency", "events", "app", "pagination", "streaming", "interceptors"],
  wire: ["database", "idempotency", "events", "app", "pagination", "streaming"],
  storage: ["app", "auth", "interceptors", "streaming"],
};

interface Import {
  readonly file: string;
  readonly specifier: string;
  readonly typeOnly: boolean;
}

const servicesRoot = resolve(import.meta.dirname, "../services");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith(".ts") && !name.endsWith(".test.ts") ? [path] : [];
  });
}

function importsOf(file: string): Import[] {
  const text = readFileSync(file, "utf8");
  const found: Import[] = [];
  for (const match of text.matchAll(/^(import|export)(\s+type)?[^;]*?from\s+"([^"]+)"/gms)) {
    found.push({ file, specifier: match[3] ?? "", typeOnly: match[2] !== undefined });
  }
  return found;
}

/** The violations of the layering rule in one service's folder, as readable lines. */
function violations(service: string, servicesDir = servicesRoot): string[] {
  const root = join(servicesDir, service);
  const problems: string[] = [];
  for (const file of sourceFiles(root)) {
    const layer = relative(root, file).split("/")[0] ?? "";
    if (!layer.includes("/") && (layer === "index.ts" || layer === "settings.ts")) continue;
    const allowed = layers[layer];
    const where = relative(servicesDir, file);
    if (allowed === undefined) {
      problems.push(`${where}: "${layer}" is not one of the service folders (${Object.keys(layers).join(", ")})`);
      continue;
    }
    for (const { specifier, typeOnly } of importsOf(file)) {
      if (specifier.startsWith(".")) {
        const target = relative(servicesDir, resolve(dirname(file), specifier)).split("/");
        if (target[0] === "kit") {
          if (forbiddenKit[layer]?.includes(target[1] ?? ""))
            problems.push(`${where}: ${layer}/ uses kit/${target[1]}`);
          continue;
        }
        if (target[0] !== service) {
          problems.push(`${where}: reaches into another service (${specifier})`);
          continue;
        }
        const targetLayer = target.length > 2 ? (target[1] ?? "") : "index";
        // Row and database types may describe what a mapper reads or a consumer's transaction is;
        // values (queries) stay in storage.
        const rowTypes = ["wire", "events", "workers"].includes(layer) && targetLayer === "storage" && typeOnly;
        if (!allowed.includes(targetLayer) && !rowTypes) problems.push(`${where}: ${layer}/ uses ${targetLayer}/`);
      } else if (!typeOnly && forbiddenPackages[layer]?.some((pattern) => pattern.test(specifier))) {
        problems.push(`${where}: ${layer}/ imports ${specifier}`);
      }
    }
  }
  return problems;
}

/**
 * Reads of a clock other than the injected one in a service: JavaScript's, or PostgreSQL's in SQL
 * (migrations may default columns to it). Times come from the service's `now`.
 */
function clockCalls(service: string): string[] {
  const root = join(servicesRoot, service);
  const clocks = /new Date\(\)|Date\.now\(\)|(?<![.\w])now\(\)|clock_timestamp\(\)|current_timestamp/i;
  return sourceFiles(root)
    .filter((file) => !/^(simulator|migrations)\//.test(relative(root, file)))
    .flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .flatMap((line, index) =>
          clocks.test(line) ? [`${relative(servicesRoot, file)}:${index + 1}: ${line.trim()}`] : [],
        ),
    );
}

describe("every service is built the same way", () => {
  it.each(serviceDefinitions.map((definition) => definition.name))("%s follows the layering rule", (service) => {
    expect(violations(service)).toEqual([]);
  });

  it.each(serviceDefinitions.map((definition) => definition.name))(
    "%s reads the time from its injected clock",
    (service) => {
      expect(clockCalls(service)).toEqual([]);
    },
  );

  it("finds a violation when there is one", () => {
    const dir = mkdtempSync(join(tmpdir(), "waybill-architecture-"));
    try {
      mkdirSync(join(dir, "demo/handlers"), { recursive: true });
      mkdirSync(join(dir, "demo/domain"), { recursive: true });
      writeFileSync(
        join(dir, "demo/handlers/items.ts"),
        'import { listItems } from "../storage/items-store.js";\nimport { sql } from "kysely";\nimport { runIdempotent } from "../../kit/idempotency/index.js";\n',
      );
      writeFileSync(join(dir, "demo/domain/rules.ts"), 'import type { Item } from "../wire/items.js";\n');
      expect(violations("demo", dir)).toEqual([
        "demo/domain/rules.ts: domain/ uses wire/",
        "demo/handlers/items.ts: handlers/ uses storage/",
        "demo/handlers/items.ts: handlers/ imports kysely",
        "demo/handlers/items.ts: handlers/ uses kit/idempotency",
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
