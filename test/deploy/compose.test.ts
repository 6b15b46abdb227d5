/**
 * deploy/compose/compose.yaml, checked without a container engine: `docker-compose config` accepts
 * it, and its wiring agrees with the code: the settings each container is given are ones Waybill
 * reads (and production accepts), peers and NATS are found where they run, probes ask the code's
 * paths, the gateway sends each service's RPCs to that service, and every file it mounts exists.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ApiKeyService } from "@waybill/contracts/waybill/access/v1/api_keys_pb.js";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { serviceDefinitions } from "../../services/definitions.js";
import { probePaths } from "../../services/kit/app/probe-routes.js";
import {
  describeSettings,
  loadConfig,
  peerSettings,
  peerVariable,
  type SettingsDefinition,
  waybillSettings,
} from "../../services/kit/config/index.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const composeDir = join(root, "deploy/compose");
const composeFile = join(composeDir, "compose.yaml");

/** A compose service, as far as these checks read it. */
interface ComposeService {
  readonly image?: string;
  readonly build?: { readonly context: string; readonly dockerfile: string };
  readonly pull_policy?: string;
  readonly entrypoint?: readonly string[];
  readonly command?: readonly string[];
  readonly environment?: Readonly<Record<string, string>>;
  readonly deploy?: { readonly replicas?: number };
  readonly depends_on?: Readonly<Record<string, { readonly condition: string }>>;
  readonly healthcheck?: { readonly test: readonly string[] };
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
function readYaml(path: string): unknown {
  return parse(readFileSync(path, "utf8"), { merge: true });
}

const compose = interpolate(readYaml(composeFile)) as {
  readonly services: Readonly<Record<string, ComposeService>>;
  readonly volumes: Readonly<Record<string, unknown>>;
};
const services = Object.entries(compose.services);
const service = (name: string): ComposeService => {
  const found = compose.services[name];
  if (!found) throw new Error(`compose.yaml has no service ${name}`);
  return found;
};

/** The value of `--service` in a container's arguments (the image's entrypoint runs main.js). */
const servedBy = (spec: ComposeService): string => {
  const at = spec.command?.indexOf("--service") ?? -1;
  return (at >= 0 ? spec.command?.[at + 1] : undefined) ?? "(all five: no --service)";
};
/** The Waybill containers: the image's own entrypoint; compose service name → what it runs. */
const waybillContainers = new Map(
  services
    .filter(([, spec]) => spec.image === "waybill:local" && spec.entrypoint === undefined)
    .map(([name, spec]) => [name, servedBy(spec)]),
);
const env = (name: string): Readonly<Record<string, string>> => service(name).environment ?? {};
const portOf = (name: string): number => Number(env(name).PORT);
/** Compose services running the Waybill service `serviceName`. */
const runners = (serviceName: string): string[] =>
  [...waybillContainers].filter(([, runs]) => runs === serviceName).map(([name]) => name);
const definitionOf = (serviceName: string) => serviceDefinitions.find((definition) => definition.name === serviceName);
const names = (settings: SettingsDefinition<unknown>): string[] => describeSettings(settings).map((doc) => doc.name);
const peers = peerSettings(serviceDefinitions.map((definition) => definition.name));
/** `host:port` of every URL in a comma-separated list. */
const hostsOf = (urls: string): string[] =>
  urls.split(",").map((url) => {
    const parsed = new URL(url.trim());
    return `${parsed.hostname}:${parsed.port}`;
  });
/** Host-side paths a service bind-mounts, with where they appear inside. */
const bindMounts = (spec: ComposeService) =>
  (spec.volumes ?? [])
    .map((volume) => volume.split(":"))
    .filter(([source]) => source?.startsWith(".") || source?.startsWith("/"))
    .map(([source, target]) => ({ source: resolve(composeDir, source ?? ""), target: target ?? "" }));
const mountedAt = (spec: ComposeService, target: string): string => {
  const mount = bindMounts(spec).find((candidate) => candidate.target === target);
  if (!mount) throw new Error(`nothing is mounted at ${target}`);
  return mount.source;
};

describe("deploy/compose/compose.yaml", () => {
  it("is accepted by docker-compose config", () => {
    // Only PATH: a variable of the caller's shell must not stand in for a missing default.
    const result = spawnSync("docker-compose", ["-f", composeFile, "config", "-q"], {
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin" },
    });
    if ((result.error as NodeJS.ErrnoException | undefined)?.code === "ENOENT") {
      throw new Error("docker-compose is not installed: apt-get install docker-compose (.ci/run installs it)");
    }
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr, "warnings of docker-compose config").toBe("");
  });

  it("builds the one image once and runs each service in containers of its own, Orders and Inventory twice", () => {
    const builders = services.filter(([, spec]) => spec.build !== undefined);
    expect(builders.map(([, spec]) => [spec.image, spec.build])).toEqual([
      ["waybill:local", { context: "../..", dockerfile: "Dockerfile" }],
    ]);
    expect(existsSync(join(root, "Dockerfile"))).toBe(true);
    for (const [name, spec] of services) {
      if (spec.image === "waybill:local" && !spec.build) expect(spec.pull_policy, name).toBe("never");
    }
    for (const { name } of serviceDefinitions) {
      expect(runners(name), name).toEqual([name]);
      expect(service(name).deploy?.replicas ?? 1, name).toBe(name === "orders" || name === "inventory" ? 2 : 1);
    }
    expect(waybillContainers.size).toBe(serviceDefinitions.length);
  });

  it("gives each Waybill container only settings it reads, every one production requires, and values production accepts", () => {
    for (const [container, runs] of waybillContainers) {
      const definition = definitionOf(runs);
      if (!definition) throw new Error(`${container} runs ${runs}, which is not a Waybill service`);
      const known = new Set([...names(waybillSettings), ...names(peers), ...names(definition.settings), "NODE_ENV"]);
      const given = env(container);
      for (const name of Object.keys(given)) {
        expect(known.has(name) || /^OTEL_[A-Z0-9_]+$/.test(name), `${container}: ${name} is not a setting`).toBe(true);
      }
      for (const settings of [waybillSettings, definition.settings]) {
        for (const doc of describeSettings(settings).filter((item) => item.default.includes("required"))) {
          expect(given[doc.name], `${container}: ${doc.name}`).toBeDefined();
        }
      }
      expect(given.NODE_ENV).toBe("production");
      expect(() => loadConfig(given, { services: [runs] }, serviceDefinitions), container).not.toThrow();
    }
  });

  it("points every <SERVICE>_URL at the compose service running that service, on its port", () => {
    for (const container of waybillContainers.keys()) {
      for (const { name } of serviceDefinitions) {
        const urls = env(container)[peerVariable(name)];
        if (urls === undefined) continue;
        expect(hostsOf(urls), `${container}: ${peerVariable(name)}`).toEqual(
          runners(name).map((runner) => `${runner}:${portOf(runner)}`),
        );
      }
    }
    expect(env("orders").INVENTORY_URL).toBeDefined();
    expect(env("notifications").ORDERS_URL).toBeDefined();
  });

  it("runs a 3-node JetStream cluster whose nodes route to each other, all in NATS_URL, streams on 3 replicas", () => {
    const nodes = services
      .filter(([, spec]) => spec.image?.startsWith("nats:"))
      .map(([name, spec]) => {
        const config = readFileSync(mountedAt(spec, spec.command?.at(-1) ?? ""), "utf8");
        const cluster = /cluster\s*\{([\s\S]*?)\n\}/.exec(config)?.[1] ?? "";
        const outside = config.replace(cluster, "");
        return {
          name,
          spec,
          serverName: /^\s*server_name:\s*(\S+)/m.exec(config)?.[1],
          clientPort: /^\s*listen:\s*[\d.]+:(\d+)/m.exec(outside)?.[1],
          clusterName: /^\s*name:\s*(\S+)/m.exec(cluster)?.[1],
          clusterPort: /^\s*listen:\s*[\d.]+:(\d+)/m.exec(cluster)?.[1],
          routes: [...cluster.matchAll(/nats-route:\/\/([\w.-]+:\d+)/g)].map((match) => match[1]).sort(),
          storeDir: /store_dir:\s*(\S+)/.exec(config)?.[1] ?? "",
        };
      });
    expect(nodes).toHaveLength(3);
    expect(new Set(nodes.map((node) => node.serverName)).size).toBe(3);
    expect(new Set(nodes.map((node) => node.clusterName)).size).toBe(1);
    for (const node of nodes) {
      const others = nodes.filter((other) => other !== node).map((other) => `${other.name}:${other.clusterPort}`);
      expect(node.routes, node.name).toEqual(others.sort());
      // JetStream's store on a named volume, so streams outlive the container.
      const volume = (node.spec.volumes ?? [])
        .map((item) => item.split(":"))
        .find(([, target]) => target && node.storeDir.startsWith(target));
      expect(volume && volume[0] !== undefined && volume[0] in compose.volumes, `${node.name} store_dir volume`).toBe(
        true,
      );
    }
    const clients = nodes.map((node) => `${node.name}:${node.clientPort}`).sort();
    for (const container of waybillContainers.keys()) {
      expect(hostsOf(env(container).NATS_URL ?? "").sort(), container).toEqual(clients);
      expect(env(container).STREAM_REPLICAS, container).toBe("3");
    }
  });

  it("probes the code's readiness path and starts Waybill after healthy PostgreSQL and NATS", () => {
    const infrastructure = services
      .filter(([, spec]) => spec.image?.startsWith("postgres:") || spec.image?.startsWith("nats:"))
      .map(([name]) => name);
    expect(infrastructure).toHaveLength(4);
    for (const name of infrastructure) expect(service(name).healthcheck, name).toBeDefined();
    for (const container of waybillContainers.keys()) {
      const spec = service(container);
      expect(spec.healthcheck?.test.join(" "), container).toContain(
        `http://127.0.0.1:${portOf(container)}${probePaths.ready}`,
      );
      for (const name of infrastructure)
        expect(spec.depends_on?.[name]?.condition, `${container} → ${name}`).toBe("service_healthy");
      for (const dependency of Object.keys(spec.depends_on ?? {})) expect(compose.services[dependency]).toBeDefined();
    }
  });

  it("pins every image and mounts only files that exist", () => {
    for (const [name, spec] of services) {
      if (spec.image === "waybill:local") continue;
      expect(spec.image, name).toMatch(/^[\w./-]+:v?\d+(\.\d+)+(-[\w.]+)?$/);
      for (const mount of bindMounts(spec)) expect(existsSync(mount.source), `${name}: ${mount.source}`).toBe(true);
    }
  });

  it("routes every service's RPCs through the gateway to that service, and anything else to any replica", () => {
    const gateway = services.find(([, spec]) => spec.image?.startsWith("envoyproxy/envoy:"));
    if (!gateway) throw new Error("compose.yaml has no Envoy gateway");
    const envoy = readYaml(mountedAt(gateway[1], "/etc/envoy/envoy.yaml")) as EnvoyConfig;
    const listener = envoy.static_resources.listeners[0];
    const manager = listener?.filter_chains[0]?.filters[0]?.typed_config;
    const routes = manager?.route_config.virtual_hosts[0]?.routes ?? [];
    const endpointsOf = (cluster: string | undefined): string[] => {
      const found = envoy.static_resources.clusters.find((candidate) => candidate.name === cluster);
      expect(found?.health_checks?.[0]?.http_health_check.path, `cluster ${cluster}`).toBe(probePaths.ready);
      return (found?.load_assignment.endpoints ?? []).flatMap((group) =>
        group.lb_endpoints.map(
          ({ endpoint }) => `${endpoint.address.socket_address.address}:${endpoint.address.socket_address.port_value}`,
        ),
      );
    };
    const routed = (prefix: string) =>
      endpointsOf(routes.find((route) => route.match.prefix === prefix)?.route.cluster);
    const prefixes = [
      ...serviceDefinitions.map((definition) => [definition.descriptor.typeName, definition.name] as const),
      [ApiKeyService.typeName, "orders"] as const,
    ];
    for (const [typeName, serviceName] of prefixes) {
      expect(routed(`/${typeName}/`), typeName).toEqual(runners(serviceName).map((name) => `${name}:${portOf(name)}`));
    }
    expect(routes.at(-1)?.match.prefix, "the catch-all comes last").toBe("/");
    expect(routed("/").sort()).toEqual([...waybillContainers.keys()].map((name) => `${name}:${portOf(name)}`).sort());
    const port = listener?.address.socket_address.port_value;
    expect(gateway[1].ports?.some((published) => published.endsWith(`:${port}`))).toBe(true);
  });

  it("wires the ad platform simulator, the mail catcher and the telemetry pipeline", () => {
    const platform = new URL(env("campaigns").PLATFORM_URL ?? "");
    const simulator = service(platform.hostname);
    expect(simulator.image).toBe("waybill:local");
    expect(simulator.entrypoint).toEqual(["node", "dist/services/campaigns/simulator/main.js"]);
    expect(existsSync(join(root, "services/campaigns/simulator/main.ts"))).toBe(true);
    expect(simulator.command?.join(" ")).toContain(`--port ${platform.port}`);
    const smtp = new URL(env("notifications").SMTP_URL ?? "");
    expect(service(smtp.hostname).image).toMatch(/^axllent\/mailpit:/);
    expect(smtp.port).toBe("1025");

    const collectorName = new URL(env("orders").OTEL_EXPORTER_OTLP_ENDPOINT ?? "").hostname;
    const collector = service(collectorName);
    const collectorConfig = readYaml(mountedAt(collector, "/etc/otelcol-contrib/config.yaml")) as CollectorConfig;
    const otlpHttpPort = collectorConfig.receivers.otlp.protocols.http.endpoint.split(":").at(-1);
    for (const container of waybillContainers.keys()) {
      expect(env(container).OTEL_EXPORTER_OTLP_ENDPOINT, container).toBe(`http://${collectorName}:${otlpHttpPort}`);
    }
    expect(service(collector.environment?.TRACES_OTLP_ENDPOINT?.split(":")[0] ?? "").image).toMatch(/^jaegertracing\//);
    const prometheus = services.find(([, spec]) => spec.image?.startsWith("prom/prometheus:"))?.[1];
    const scrape = readYaml(mountedAt(prometheus ?? {}, "/etc/prometheus/prometheus.yml")) as PrometheusConfig;
    const metricsPort = collectorConfig.exporters.prometheus.endpoint.split(":").at(-1);
    expect(scrape.scrape_configs.flatMap((job) => job.static_configs.flatMap((config) => config.targets))).toContain(
      `${collectorName}:${metricsPort}`,
    );
    const grafana = services.find(([, spec]) => spec.image?.startsWith("grafana/grafana:"))?.[1] ?? {};
    expect(mountedAt(grafana, "/etc/grafana/dashboards/waybill.json")).toBe(
      join(root, "deploy/observability/grafana-dashboard.json"),
    );
    const provisioning = mountedAt(grafana, "/etc/grafana/provisioning/datasources");
    const sources = readYaml(join(provisioning, "datasources.yaml")) as GrafanaSources;
    const dashboards = readYaml(join(mountedAt(grafana, "/etc/grafana/provisioning/dashboards"), "dashboards.yaml"));
    expect(JSON.stringify(dashboards)).toContain('"path":"/etc/grafana/dashboards"');
    expect(sources.datasources.map((source) => [source.type, new URL(source.url).hostname]).sort()).toEqual([
      ["jaeger", services.find(([, spec]) => spec.image?.startsWith("jaegertracing/"))?.[0]],
      ["prometheus", services.find(([, spec]) => spec.image?.startsWith("prom/prometheus:"))?.[0]],
    ]);
  });
});

/** What the gateway check reads of Envoy's bootstrap. */
interface EnvoyConfig {
  readonly static_resources: {
    readonly listeners: readonly {
      readonly address: { readonly socket_address: { readonly port_value: number } };
      readonly filter_chains: readonly {
        readonly filters: readonly {
          readonly typed_config: {
            readonly route_config: {
              readonly virtual_hosts: readonly {
                readonly routes: readonly {
                  readonly match: { readonly prefix: string };
                  readonly route: { readonly cluster: string };
                }[];
              }[];
            };
          };
        }[];
      }[];
    }[];
    readonly clusters: readonly {
      readonly name: string;
      readonly health_checks?: readonly { readonly http_health_check: { readonly path: string } }[];
      readonly load_assignment: {
        readonly endpoints: readonly {
          readonly lb_endpoints: readonly {
            readonly endpoint: {
              readonly address: { readonly socket_address: { readonly address: string; readonly port_value: number } };
            };
          }[];
        }[];
      };
    }[];
  };
}

/** What the telemetry check reads of the collector's configuration. */
interface CollectorConfig {
  readonly receivers: { readonly otlp: { readonly protocols: { readonly http: { readonly endpoint: string } } } };
  readonly exporters: { readonly prometheus: { readonly endpoint: string } };
}

/** Prometheus's scrape jobs. */
interface PrometheusConfig {
  readonly scrape_configs: readonly { readonly static_configs: readonly { readonly targets: readonly string[] }[] }[];
}

/** Grafana's provisioned data sources. */
interface GrafanaSources {
  readonly datasources: readonly { readonly type: string; readonly url: string }[];
}
