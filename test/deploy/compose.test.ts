/**
 * deploy/compose/compose.yaml, checked without a container engine: `docker-compose config` accepts
 * it, `nats-server -t` its NATS nodes, and Envoy's v3 API every key of its gateway; its wiring
 * agrees with the code: the settings each container is given are ones Waybill reads (and
 * production accepts), peers and NATS are found where they run, probes ask the code's paths, the
 * gateway sends each service's RPCs to that service over h2c and notices a stopping replica
 * before its port closes, and every file it mounts exists.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ApiKeyService } from "@waybill/contracts/waybill/access/v1/api_keys_pb.js";
import { describe, expect, it } from "vitest";
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
import {
  bindMounts,
  compose,
  composeFile,
  durationMs,
  env,
  hostsOf,
  mountedAt,
  portOf,
  readYaml,
  root,
  runners,
  service,
  serviceByImage,
  services,
  waybillContainers,
} from "./compose-model.js";
import { envoyApiErrors, http2OptionsType, retryConditions, typeOf } from "./envoy-api.js";
import {
  clusterNamed,
  endpointsOf,
  envoy,
  gateway,
  gatewayName,
  listener,
  routes,
  virtualHost,
} from "./gateway-model.js";
import { natsServerTest, readNatsConfig } from "./nats-model.js";

const definitionOf = (serviceName: string) => serviceDefinitions.find((definition) => definition.name === serviceName);
const names = (settings: SettingsDefinition<unknown>): string[] => describeSettings(settings).map((doc) => doc.name);
const peers = peerSettings(serviceDefinitions.map((definition) => definition.name));
/** A setting of a Waybill container, or its default when compose.yaml leaves it out. */
const settingOf = (container: string, name: string): number =>
  Number(env(container)[name] ?? describeSettings(waybillSettings).find((doc) => doc.name === name)?.default);

/** Retry conditions under which the request may already have run on a replica. */
const unsafeRetries = ["5xx", "gateway-error", "reset", "retriable-status-codes", "retriable-4xx", "unavailable"];

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

  const natsNodes = services
    .filter(([, spec]) => spec.image?.startsWith("nats:"))
    .map(([name, spec]) => {
      const file = mountedAt(spec, spec.command?.at(-1) ?? "");
      return { name, spec, file, ...readNatsConfig(file) };
    });

  it("runs a 3-node JetStream cluster whose nodes route to each other, all in NATS_URL, streams on 3 replicas", () => {
    expect(natsNodes).toHaveLength(3);
    expect(new Set(natsNodes.map((node) => node.serverName)).size).toBe(3);
    expect(new Set(natsNodes.map((node) => node.clusterName)).size).toBe(1);
    for (const node of natsNodes) {
      const others = natsNodes.filter((other) => other !== node).map((other) => `${other.name}:${other.clusterPort}`);
      expect(node.routes, node.name).toEqual(others.sort());
      // JetStream's store on a named volume, so streams outlive the container.
      const volume = (node.spec.volumes ?? [])
        .map((item) => item.split(":"))
        .find(([, target]) => target && node.storeDir.startsWith(target));
      expect(volume?.[0] !== undefined && volume[0] in compose.volumes, `${node.name} store_dir volume`).toBe(true);
    }
    const clients = natsNodes.map((node) => `${node.name}:${node.clientPort}`).sort();
    for (const container of waybillContainers.keys()) {
      expect(hostsOf(env(container).NATS_URL ?? "").sort(), container).toEqual(clients);
      expect(env(container).STREAM_REPLICAS, container).toBe("3");
    }
  });

  it("gives each NATS node a configuration nats-server accepts, and a healthcheck on its monitoring port", () => {
    for (const node of natsNodes) {
      const result = natsServerTest(node.file);
      expect(result.status, `nats-server -t ${node.file}: ${result.output}`).toBe(0);
      expect(node.monitoringPort, `${node.name}: http:`).toBeDefined();
      expect(node.spec.healthcheck?.test.join(" "), node.name).toContain(
        `http://127.0.0.1:${node.monitoringPort}/healthz`,
      );
    }
  }, 120_000);

  it("probes the code's readiness path and starts Waybill after healthy PostgreSQL and NATS, however slow the first start", () => {
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
      // The gateway waits for service_healthy: a first start (tables, R3 streams) must not fail it.
      expect(durationMs(spec.healthcheck?.start_period), container).toBeGreaterThanOrEqual(180_000);
      for (const name of infrastructure)
        expect(spec.depends_on?.[name]?.condition, `${container} → ${name}`).toBe("service_healthy");
      for (const dependency of Object.keys(spec.depends_on ?? {})) expect(compose.services[dependency]).toBeDefined();
    }
    for (const dependency of Object.keys(gateway.depends_on ?? {})) {
      expect(gateway.depends_on?.[dependency]?.condition, `${gatewayName} → ${dependency}`).toBe("service_healthy");
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
    const routed = (prefix: string) =>
      endpointsOf(clusterNamed(routes.find((route) => route.match.prefix === prefix)?.route.cluster));
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
    expect(gateway.ports?.some((published) => published.endsWith(`:${port}`))).toBe(true);
  });

  it("writes the gateway in Envoy's v3 API, calling every replica over h2c at each address DNS gives", () => {
    const errors = envoyApiErrors(envoy);
    expect(errors, errors.join("; ")).toEqual([]);
    const waybillEndpoints = new Set([...waybillContainers.keys()].map((name) => `${name}:${portOf(name)}`));
    const waybillClusters = envoy.static_resources.clusters.filter((cluster) =>
      endpointsOf(cluster).some((endpoint) => waybillEndpoints.has(endpoint)),
    );
    expect(waybillClusters.map((cluster) => cluster.name).sort()).toEqual(
      [...new Set(routes.map((route) => route.route.cluster))].sort(),
    );
    for (const cluster of waybillClusters) {
      // STRICT_DNS: every replica's address is an endpoint (LOGICAL_DNS would use the first only).
      expect(cluster.type, cluster.name).toBe("STRICT_DNS");
      const options = cluster.typed_extension_protocol_options?.[http2OptionsType];
      expect(typeOf(options), cluster.name).toBe(http2OptionsType);
      expect(options?.explicit_http_config?.http2_protocol_options, `${cluster.name}: h2c`).toBeDefined();
      expect(cluster.health_checks?.[0]?.http_health_check.path, cluster.name).toBe(probePaths.ready);
    }
  });

  it("takes a stopping replica out of the gateway before its port closes, and retries only calls no replica saw", () => {
    for (const cluster of envoy.static_resources.clusters) {
      const check = cluster.health_checks?.[0];
      // A 503 counts at once; the threshold is for timeouts and refused connections.
      expect(check?.unhealthy_threshold, cluster.name).toBe(1);
      expect(durationMs(check?.interval), cluster.name).toBeLessThanOrEqual(1000);
      // The check in flight may take its whole timeout, the next starts an interval later.
      const noticeMs = 2 * durationMs(check?.timeout) + durationMs(check?.interval);
      for (const container of waybillContainers.keys()) {
        const delayMs = settingOf(container, "SHUTDOWN_READINESS_DELAY_MS");
        expect(delayMs, `${container}: twice the ${noticeMs} ms ${cluster.name}'s probe needs`).toBeGreaterThanOrEqual(
          2 * noticeMs,
        );
        // Then in-flight calls, the consumers' drain and the last telemetry flush (5 s at most).
        const shutdownMs = delayMs + settingOf(container, "SHUTDOWN_GRACE_MS") + 15_000;
        expect(durationMs(service(container).stop_grace_period), container).toBeGreaterThanOrEqual(shutdownMs);
      }
    }
    for (const route of routes) {
      const policy = route.route.retry_policy ?? virtualHost?.retry_policy;
      const conditions = policy?.retry_on.split(",") ?? [];
      expect(
        conditions.every((condition) => retryConditions.includes(condition)),
        policy?.retry_on,
      ).toBe(true);
      expect(
        conditions.filter((condition) => unsafeRetries.includes(condition)),
        route.match.prefix,
      ).toEqual([]);
      expect(conditions, route.match.prefix).toEqual(
        expect.arrayContaining(["connect-failure", "refused-stream", "reset-before-request"]),
      );
    }
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
    const [prometheusName, prometheus] = serviceByImage("prom/prometheus:");
    const scrape = readYaml(mountedAt(prometheus, "/etc/prometheus/prometheus.yml")) as PrometheusConfig;
    const metricsPort = collectorConfig.exporters.prometheus.endpoint.split(":").at(-1);
    expect(scrape.scrape_configs.flatMap((job) => job.static_configs.flatMap((config) => config.targets))).toContain(
      `${collectorName}:${metricsPort}`,
    );
    const [, grafana] = serviceByImage("grafana/grafana:");
    expect(mountedAt(grafana, "/etc/grafana/dashboards/waybill.json")).toBe(
      join(root, "deploy/observability/grafana-dashboard.json"),
    );
    const provisioning = mountedAt(grafana, "/etc/grafana/provisioning/datasources");
    const sources = readYaml(join(provisioning, "datasources.yaml")) as GrafanaSources;
    const dashboards = readYaml(join(mountedAt(grafana, "/etc/grafana/provisioning/dashboards"), "dashboards.yaml"));
    expect(JSON.stringify(dashboards)).toContain('"path":"/etc/grafana/dashboards"');
    expect(sources.datasources.map((source) => [source.type, new URL(source.url).hostname]).sort()).toEqual([
      ["jaeger", serviceByImage("jaegertracing/")[0]],
      ["prometheus", prometheusName],
    ]);
  });
});

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
