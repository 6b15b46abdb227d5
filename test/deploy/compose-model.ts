/**
 * deploy/compose/compose.yaml as test/deploy/compose.test.ts reads it: the file with its variables'
 * defaults filled in, and the questions the checks ask of it (which container runs what, with
 * which environment, mounting which file).
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

/** The repository's root folder. */
export const root = fileURLToPath(new URL("../../", import.meta.url));
/** The folder of compose.yaml, which its relative paths start from. */
export const composeDir = join(root, "deploy/compose");
/** compose.yaml itself. */
export const composeFile = join(composeDir, "compose.yaml");

/** A compose service, as far as the checks read it. */
export interface ComposeService {
  readonly image?: string;
  readonly build?: { readonly context: string; readonly dockerfile: string };
  readonly pull_policy?: string;
  readonly entrypoint?: readonly string[];
  readonly command?: readonly string[];
  readonly environment?: Readonly<Record<string, string>>;
  readonly deploy?: { readonly replicas?: number };
  readonly depends_on?: Readonly<Record<string, { readonly condition: string }>>;
  readonly healthcheck?: {
    readonly test: readonly string[];
    readonly interval?: string;
    readonly retries?: number;
    readonly start_period?: string;
  };
  readonly stop_grace_period?: string;
  readonly volumes?: readonly string[];
  readonly ports?: readonly string[];
}

/**
 * Replaces `${NAME:-default}` by its default (what a laptop without a .env gets) and `$$` by `$`;
 * a bare `${NAME}` would be empty without a .env, so it fails the check.
 */
function interpolate(value: unknown): unknown {
  if (typeof value === "string") {
    return value.replace(/\$\$|\$\{([A-Z0-9_]+)(?::?-([^}]*))?\}/g, (match, name: string, fallback?: string) => {
      if (match === "$$") return "$";
      if (fallback === undefined) throw new Error(`\${${name}} has no default in compose.yaml`);
      return fallback;
    });
  }
  if (Array.isArray(value)) return value.map(interpolate);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolate(item)]));
  }
  return value;
}

/** A YAML file of the repository, anchors and `<<` merges resolved. */
export function readYaml(path: string): unknown {
  return parse(readFileSync(path, "utf8"), { merge: true });
}

/** compose.yaml with every variable at its default. */
export const compose = interpolate(readYaml(composeFile)) as {
  readonly services: Readonly<Record<string, ComposeService>>;
  readonly volumes: Readonly<Record<string, unknown>>;
};
/** Every compose service, by name. */
export const services = Object.entries(compose.services);

/** The compose service `name`; throws when there is none. */
export function service(name: string): ComposeService {
  const found = compose.services[name];
  if (!found) throw new Error(`compose.yaml has no service ${name}`);
  return found;
}

/** The first compose service whose image starts with `prefix`, with its name. */
export function serviceByImage(prefix: string): readonly [string, ComposeService] {
  const found = services.find(([, spec]) => spec.image?.startsWith(prefix));
  if (!found) throw new Error(`compose.yaml runs no ${prefix} image`);
  return found;
}

/** The value of `--service` in a container's arguments (the image's entrypoint runs main.js). */
const servedBy = (spec: ComposeService): string => {
  const at = spec.command?.indexOf("--service") ?? -1;
  return (at >= 0 ? spec.command?.[at + 1] : undefined) ?? "(all five: no --service)";
};

/** The Waybill containers (the image's own entrypoint): compose service name → what it runs. */
export const waybillContainers: ReadonlyMap<string, string> = new Map(
  services
    .filter(([, spec]) => spec.image === "waybill:local" && spec.entrypoint === undefined)
    .map(([name, spec]) => [name, servedBy(spec)]),
);

/** The environment of the compose service `name`. */
export const env = (name: string): Readonly<Record<string, string>> => service(name).environment ?? {};
/** The port a Waybill container listens on. */
export const portOf = (name: string): number => Number(env(name).PORT);
/** Compose services running the Waybill service `serviceName`. */
export const runners = (serviceName: string): string[] =>
  [...waybillContainers].filter(([, runs]) => runs === serviceName).map(([name]) => name);

/** `host:port` of every URL in a comma-separated list. */
export const hostsOf = (urls: string): string[] =>
  urls.split(",").map((url) => {
    const parsed = new URL(url.trim());
    return `${parsed.hostname}:${parsed.port}`;
  });

/** Host-side paths a service bind-mounts, with where they appear inside. */
export const bindMounts = (spec: ComposeService) =>
  (spec.volumes ?? [])
    .map((volume) => volume.split(":"))
    .filter(([source]) => source?.startsWith(".") || source?.startsWith("/"))
    .map(([source, target]) => ({ source: resolve(composeDir, source ?? ""), target: target ?? "" }));

/** The host file or folder mounted at `target` in a service; throws when nothing is. */
export function mountedAt(spec: ComposeService, target: string): string {
  const mount = bindMounts(spec).find((candidate) => candidate.target === target);
  if (!mount) throw new Error(`nothing is mounted at ${target}`);
  return mount.source;
}

/** Milliseconds of a duration as Compose and Envoy write them (`1m30s`, `500ms`, `2s`, `0.5s`). */
export function durationMs(value: string | undefined): number {
  const units: Readonly<Record<string, number>> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001 };
  const parts = [...(value ?? "").matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us)/g)];
  if (!value || parts.map((part) => part[0]).join("") !== value) throw new Error(`not a duration: ${value}`);
  return parts.reduce((total, [, amount, unit]) => total + Number(amount) * (units[unit ?? ""] ?? Number.NaN), 0);
}
