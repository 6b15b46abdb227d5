/**
 * The Kubernetes manifests (deploy/k8s) against the code they deploy: both overlays are rendered
 * with `kubectl kustomize` (offline, no cluster) and every Deployment, Service, autoscaler,
 * disruption budget, network policy and route is checked against the settings Waybill declares,
 * the probe paths it serves, the services it defines and the RPCs in its contracts.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { createFileRegistry, type DescService, fromBinary } from "@bufbuild/protobuf";
import { FileDescriptorSetSchema } from "@bufbuild/protobuf/wkt";
import { beforeAll, describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { serviceDefinitions } from "../../services/definitions.js";
import { environmentGroups } from "../../services/environment-help.js";
import { probePaths } from "../../services/kit/app/probe-routes.js";
import {
  describeSettings,
  type Environment,
  loadConfig,
  peerVariable,
  type SettingSpecs,
  waybillSettings,
} from "../../services/kit/config/index.js";
import { ordersSettings } from "../../services/orders/settings.js";
import {
  type Labels,
  natsChartLabels,
  type Pod,
  type Port,
  policiesAllow,
  type Resource,
  selectorMatches,
  selects,
} from "./kubernetes-model.js";

const root = new URL("../..", import.meta.url).pathname;
const read = (path: string) => readFileSync(`${root}${path}`, "utf8");

/** Renders a kustomization with kubectl's kustomize, failing with what to install when kubectl is missing. */
function kustomize(directory: string): Resource[] {
  const result = spawnSync("kubectl", ["kustomize", directory], { encoding: "utf8" });
  if (result.error) {
    throw new Error(`kubectl is missing (${result.error.message}): install kubectl 1.27 or later to render deploy/k8s`);
  }
  if (result.status !== 0) throw new Error(`kubectl kustomize ${directory} failed:\n${result.stderr}`);
  return parseAllDocuments(result.stdout).map((document) => document.toJS() as Resource);
}

/**
 * Renders an overlay. The prod overlay reads secrets.env, which is never committed (.gitignore):
 * it is rendered from a copy of deploy/k8s whose secrets.env is the committed template, the way a
 * fresh clone would be before anyone fills it in.
 */
function render(overlay: string): Resource[] {
  if (overlay !== "prod") return kustomize(`${root}deploy/k8s/overlays/${overlay}`);
  const copy = mkdtempSync(`${tmpdir()}/waybill-k8s-`);
  try {
    // A real secrets.env of this checkout stays where it is.
    const real = `${root}deploy/k8s/overlays/prod/secrets.env`;
    cpSync(`${root}deploy/k8s`, copy, { recursive: true, filter: (source) => source !== real });
    cpSync(`${copy}/overlays/prod/secrets.env.example`, `${copy}/overlays/prod/secrets.env`);
    return kustomize(`${copy}/overlays/prod`);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

/** Every variable Waybill reads, as scripts/docs.ts lists them in docs/configuration.md. */
const settingNames = new Set(
  environmentGroups().flatMap((group) => describeSettings(group.settings).map((d) => d.name)),
);
/** Read by Node and OpenTelemetry rather than declared by Waybill. */
const isStandardVariable = (name: string) => name === "NODE_ENV" || name.startsWith("OTEL_");

/** The variables a group requires: always (no default), or in production (a development default only). */
function requiredSettings(specs: SettingSpecs, production: boolean): string[] {
  return Object.entries(specs)
    .filter(([, spec]) => !Object.hasOwn(spec, "default") && (production || !Object.hasOwn(spec, "devDefault")))
    .map(([name]) => name);
}

/** Valid stand-ins for the prod overlay's Secret, whose committed values are placeholders. */
const realSecrets: Readonly<Record<string, string>> = {
  AUTH_SECRET: randomBytes(48).toString("base64"),
  SMTP_URL: "smtps://waybill:mail-password@smtp.example.com:465",
  WEBHOOK_SECRET_KEY: `k1:${randomBytes(32).toString("base64")}`,
  PLATFORM_URL: "https://api.megaphone.example.com",
};
/** What CloudNativePG writes into `<cluster>-app` under `uri`. */
const cnpgUri = "postgresql://waybill:generated-password@waybill-db-rw.waybill:5432/waybill";

/** The container's settings as the process sees them: envFrom first, then env. */
function environmentOf(
  resources: readonly Resource[],
  container: Container,
  secrets?: Readonly<Record<string, string>>,
) {
  const env: Record<string, string> = {};
  const names: string[] = [];
  for (const from of container.envFrom ?? []) {
    const ref = from.configMapRef ?? from.secretRef;
    const kind = from.configMapRef ? "ConfigMap" : "Secret";
    const source = resources.find((r) => r.kind === kind && r.metadata.name === ref?.name);
    expect(source, `${kind} ${ref?.name} of envFrom is rendered`).toBeDefined();
    for (const [name, value] of Object.entries(source?.data ?? {})) {
      names.push(name);
      if (kind === "ConfigMap") env[name] = value;
      else env[name] = secrets ? (secrets[name] ?? `no stand-in for ${name}`) : Buffer.from(value, "base64").toString();
    }
  }
  for (const variable of container.env ?? []) {
    names.push(variable.name);
    if (variable.value !== undefined) env[variable.name] = variable.value;
    else if (variable.valueFrom?.secretKeyRef?.key === "uri") env[variable.name] = cnpgUri;
  }
  return { env: env as Environment, names };
}

interface Container {
  readonly name: string;
  readonly image: string;
  readonly args?: readonly string[];
  readonly ports?: readonly { name?: string; containerPort: number }[];
  readonly envFrom?: readonly { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  readonly env?: readonly {
    name: string;
    value?: string;
    valueFrom?: { secretKeyRef?: { name: string; key: string } };
  }[];
  // biome-ignore lint/suspicious/noExplicitAny: probes, resources and security context, read field by field.
  readonly [field: string]: any;
}

/** The Dockerfile's last EXPOSE and USER (the runtime stage's), when the image's Dockerfile exists. */
function dockerfile(): { readonly expose?: number; readonly user?: string } {
  if (!existsSync(`${root}Dockerfile`)) return {};
  const text = read("Dockerfile");
  const last = (pattern: RegExp) => [...text.matchAll(pattern)].at(-1)?.[1];
  const expose = last(/^EXPOSE\s+(\d+)/gm);
  const user = last(/^USER\s+(\S+)/gm);
  return { ...(expose === undefined ? {} : { expose: Number(expose) }), ...(user === undefined ? {} : { user }) };
}

/** Every RPC service in the contracts image (gen/waybill.binpb), health and reflection included. */
function contractServices(): DescService[] {
  const set = fromBinary(FileDescriptorSetSchema, readFileSync(`${root}gen/waybill.binpb`));
  return [...createFileRegistry(set)].filter((type): type is DescService => type.kind === "service");
}

/** Services a service's process serves beside its own descriptor (its `instance.services`), by its name. */
const servedBeside: Readonly<Record<string, string>> = { "waybill.access.v1.ApiKeyService": "orders" };

interface RouteRule {
  readonly matches: readonly { path: { type: "Exact" | "PathPrefix"; value: string } }[];
  readonly backendRefs: readonly { name: string; port: number }[];
  readonly timeouts?: { request?: string };
}

/** The rule Gateway API picks for `path`: an Exact match first, then the longest whole-segment prefix. */
function routeFor(rules: readonly RouteRule[], path: string): RouteRule | undefined {
  let best: { rule: RouteRule; score: number } | undefined;
  for (const rule of rules) {
    for (const { path: match } of rule.matches) {
      const prefix = match.value.replace(/\/$/, "");
      const hit =
        match.type === "Exact"
          ? path === match.value
          : prefix === "" || path === prefix || path.startsWith(`${prefix}/`);
      const score = match.type === "Exact" ? Number.MAX_SAFE_INTEGER : prefix.length;
      if (hit && (best === undefined || score > best.score)) best = { rule, score };
    }
  }
  return best?.rule;
}

/** "60s", "1m30s", "500ms" in milliseconds (Gateway API's duration). */
function durationMs(text: string): number {
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+)(ms|s|m|h)/g)) {
    total += Number(amount) * { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }[unit as "ms" | "s" | "m" | "h"];
  }
  return total;
}

const overlays = [
  { name: "dev", production: false, minReplicas: 1 },
  { name: "prod", production: true, minReplicas: 2 },
] as const;

describe.each(overlays)("deploy/k8s/overlays/$name", (overlay) => {
  let resources: Resource[] = [];
  const all = (kind: string) => resources.filter((r) => r.kind === kind);
  const named = (kind: string, name: string) => all(kind).find((r) => r.metadata.name === name);
  const deployments = () =>
    all("Deployment").filter((d) => d.metadata.labels?.["app.kubernetes.io/name"] === "waybill");
  const containerOf = (deployment: Resource) => deployment.spec.template.spec.containers[0] as Container;
  const serviceOf = (deployment: Resource) => containerOf(deployment).args?.[1] ?? "";
  const podLabels = (deployment: Resource) => deployment.spec.template.metadata.labels as Labels;
  const configOf = (deployment: Resource) => environmentOf(resources, containerOf(deployment)).env;

  beforeAll(() => {
    resources = render(overlay.name);
  });

  it("runs one Deployment per service, each with --service <name>, all from the same image", () => {
    const services = deployments().map((deployment) => {
      const containers = deployment.spec.template.spec.containers as Container[];
      expect(containers, deployment.metadata.name).toHaveLength(1);
      expect(containerOf(deployment).args).toEqual(["--service", deployment.metadata.name]);
      return serviceOf(deployment);
    });
    expect(services.sort()).toEqual(serviceDefinitions.map((definition) => definition.name).sort());
    const images = new Set(deployments().map((deployment) => containerOf(deployment).image));
    expect(images.size).toBe(1);
    const [image] = [...images];
    expect(image).toMatch(overlay.production ? /(@sha256:[0-9a-f]{64}|:\d+\.\d+\.\d+[\w.-]*)$/ : /:[\w.-]+$/);
  });

  it("listens on the port of the settings' default PORT, the ConfigMap and the Dockerfile's EXPOSE, probed on /healthz and /readyz", () => {
    const port = Number(waybillSettings.variables.PORT?.default);
    const { expose } = dockerfile();
    if (expose !== undefined) expect(expose).toBe(port);
    for (const deployment of deployments()) {
      const container = containerOf(deployment);
      expect(container.ports).toEqual([expect.objectContaining({ name: "http", containerPort: port })]);
      expect(configOf(deployment).PORT ?? String(port)).toBe(String(port));
      expect(container.readinessProbe.httpGet).toEqual({ path: probePaths.ready, port: "http" });
      expect(container.livenessProbe.httpGet).toEqual({ path: probePaths.live, port: "http" });
      expect(container.startupProbe.httpGet).toEqual({ path: probePaths.live, port: "http" });
    }
  });

  it("runs as the image's non-root user on a read-only root file system, without capabilities, with requests and limits", () => {
    const { user } = dockerfile();
    for (const deployment of deployments()) {
      const pod = deployment.spec.template.spec;
      const container = containerOf(deployment);
      expect(pod.securityContext.runAsNonRoot).toBe(true);
      // The node image's user `node` is uid 1000; a numeric USER must be the one the pod runs as.
      if (user !== undefined) expect(String(pod.securityContext.runAsUser)).toBe(user === "node" ? "1000" : user);
      expect(container.securityContext).toMatchObject({
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        capabilities: { drop: ["ALL"] },
      });
      for (const kind of ["requests", "limits"]) {
        expect(Object.keys(container.resources[kind]).sort(), `${deployment.metadata.name} ${kind}`).toEqual([
          "cpu",
          "memory",
        ]);
      }
      // Emails written to files (no SMTP_URL, development only) need a writable MAIL_DIR.
      const env = configOf(deployment);
      if (serviceOf(deployment) === "notifications" && env.SMTP_URL === undefined) {
        const mounts = (container.volumeMounts as { mountPath: string }[]).map((mount) => mount.mountPath);
        expect(mounts.some((path) => env.MAIL_DIR?.startsWith(`${path}/`))).toBe(true);
      }
    }
  });

  it("waits for Waybill's own shutdown (readiness delay and grace) before killing a pod", () => {
    for (const deployment of deployments()) {
      const env = configOf(deployment);
      const shutdownMs = Number(env.SHUTDOWN_READINESS_DELAY_MS ?? 0) + Number(env.SHUTDOWN_GRACE_MS ?? 10_000);
      expect(Number(env.SHUTDOWN_READINESS_DELAY_MS)).toBeGreaterThan(0);
      expect(deployment.spec.template.spec.terminationGracePeriodSeconds * 1000).toBeGreaterThan(shutdownMs);
    }
  });

  it("sets only variables Waybill reads, and every one its service requires", () => {
    for (const deployment of deployments()) {
      const { env, names } = environmentOf(resources, containerOf(deployment));
      const unknown = names.filter((name) => !settingNames.has(name) && !isStandardVariable(name));
      expect(unknown, `${deployment.metadata.name}: not Waybill settings`).toEqual([]);
      const production = env.NODE_ENV === "production";
      expect(production).toBe(overlay.production);
      const definition = serviceDefinitions.find((d) => d.name === serviceOf(deployment))!;
      const required = [
        ...requiredSettings(waybillSettings.variables, production),
        ...requiredSettings(definition.settings.variables, production),
      ];
      expect(required.filter((name) => !names.includes(name))).toEqual([]);
    }
  });

  it("gives each process settings it starts with", () => {
    for (const deployment of deployments()) {
      const container = containerOf(deployment);
      const service = { services: [serviceOf(deployment)] };
      if (!overlay.production) {
        expect(() => loadConfig(environmentOf(resources, container).env, service, serviceDefinitions)).not.toThrow();
        continue;
      }
      // The committed Secret is a template: Waybill must refuse it, and accept real values in its keys.
      const template = environmentOf(resources, container).env;
      expect(() => loadConfig(template, service, serviceDefinitions)).toThrow(/AUTH_SECRET/);
      const real = environmentOf(resources, container, realSecrets).env;
      expect(() => loadConfig(real, service, serviceDefinitions)).not.toThrow();
    }
  });

  it("reads DATABASE_URL from the uri CloudNativePG writes for the Cluster it deploys", () => {
    const [cluster, ...others] = all("Cluster").filter((r) => r.apiVersion === "postgresql.cnpg.io/v1");
    expect(others).toEqual([]);
    expect(cluster?.spec.instances).toBe(overlay.production ? 3 : 1);
    expect(cluster?.spec.bootstrap.initdb).toMatchObject({ database: "waybill", owner: "waybill" });
    for (const deployment of deployments()) {
      const variable = containerOf(deployment).env?.find((v) => v.name === "DATABASE_URL");
      expect(variable?.valueFrom?.secretKeyRef).toEqual({ name: `${cluster?.metadata.name}-app`, key: "uri" });
    }
    expect(new URL(cnpgUri).pathname).toBe(`/${cluster?.spec.bootstrap.initdb.database}`);
    // PostgreSQL 15, which Waybill is tested on, whatever the operator's default major version.
    expect(cluster?.spec.imageName).toMatch(
      /^ghcr\.io\/cloudnative-pg\/postgresql:15\.\d+[\w.-]*@sha256:[0-9a-f]{64}$/,
    );
  });

  it("lets into PostgreSQL only Waybill, its own instances, the CloudNativePG operator and Prometheus's scrapes", () => {
    const policies = all("NetworkPolicy");
    const namespace = "waybill";
    const instance = {
      namespace,
      labels: { "cnpg.io/cluster": all("Cluster")[0]?.metadata.name ?? "", "cnpg.io/podRole": "instance" },
    };
    const into = (from: Pod, port: Port) => policiesAllow(policies, "Ingress", from, instance, port);
    const postgres = { number: 5432 };
    const status = { number: 8000 };
    const metrics = { number: 9187, name: "metrics" };
    for (const deployment of deployments()) {
      const pod = { namespace, labels: podLabels(deployment) };
      expect(into(pod, postgres), deployment.metadata.name).toBe(true);
      expect(into(pod, status), deployment.metadata.name).toBe(false);
    }
    // Streaming replication and the instance manager's status, between the instances.
    expect(into(instance, postgres)).toBe(true);
    expect(into(instance, status)).toBe(true);
    // The operator (its release manifest's namespace and labels) reaches the instance manager.
    const operator = { namespace: "cnpg-system", labels: { "app.kubernetes.io/name": "cloudnative-pg" } };
    expect(into(operator, status)).toBe(true);
    expect(into({ ...operator, namespace }, status)).toBe(false);
    // Prometheus scrapes what the PodMonitor names, on the metrics port only.
    const prometheus = { namespace: "monitoring", labels: { "app.kubernetes.io/name": "prometheus" } };
    expect(into(prometheus, metrics)).toBe(true);
    expect(into(prometheus, postgres)).toBe(false);
    expect(into({ ...prometheus, namespace: "default" }, metrics)).toBe(false);
    const [monitor, ...more] = kustomize(`${root}deploy/k8s/postgres/monitoring`);
    expect(more).toEqual([]);
    expect(monitor?.kind).toBe("PodMonitor");
    expect(selectorMatches(monitor?.spec.selector, instance.labels)).toBe(true);
    expect(monitor?.spec.podMetricsEndpoints.map((endpoint: { port: string }) => endpoint.port)).toEqual([
      metrics.name,
    ]);
    const stranger = { namespace, labels: { "app.kubernetes.io/name": "nats" } };
    for (const port of [postgres, status, metrics]) expect(into(stranger, port)).toBe(false);
  });

  it("backs up PostgreSQL daily to an object store in production, and not in development", () => {
    const cluster = all("Cluster")[0];
    const scheduled = all("ScheduledBackup");
    if (!overlay.production) {
      expect(scheduled).toEqual([]);
      expect(cluster?.spec.backup).toBeUndefined();
      return;
    }
    const [backup, ...more] = scheduled;
    expect(more).toEqual([]);
    expect(backup?.apiVersion).toBe("postgresql.cnpg.io/v1");
    expect(backup?.spec.cluster).toEqual({ name: cluster?.metadata.name });
    // CloudNativePG's schedule has six fields, seconds first: a given time of every day.
    const fields = String(backup?.spec.schedule).trim().split(/\s+/);
    expect(
      fields.slice(0, 3).every((field) => /^\d+$/.test(field)),
      backup?.spec.schedule,
    ).toBe(true);
    expect(fields.slice(3), backup?.spec.schedule).toEqual(["*", "*", "*"]);
    // The default method, the in-tree object store, which the Cluster configures.
    expect(backup?.spec.method ?? "barmanObjectStore").toBe("barmanObjectStore");
    expect(cluster?.spec.backup?.retentionPolicy).toMatch(/^\d+[dwm]$/);
    const store = cluster?.spec.backup?.barmanObjectStore;
    expect(store?.destinationPath).toMatch(/^(s3|gs|https):\/\/[^/]+/);
    // Its credentials come from one Secret, made by hand as the README says.
    const secrets = new Set(Object.values(store?.s3Credentials ?? {}).map((ref) => (ref as { name: string }).name));
    expect(secrets.size).toBe(1);
    expect(read("deploy/k8s/README.md")).toContain(`create secret generic ${[...secrets][0]}`);
  });

  it("lets into NATS clients only from Waybill and the chart's pods, routes between servers, scrapes from Prometheus", () => {
    const policies = all("NetworkPolicy");
    const namespace = "waybill";
    // The release "nats" that NATS_URL (nats://nats:4222) names; nats-box is the operators' CLI.
    const server = { namespace, labels: natsChartLabels("nats", "nats") };
    const box = { namespace, labels: natsChartLabels("nats", "nats-box") };
    const into = (from: Pod, port: number) => policiesAllow(policies, "Ingress", from, server, { number: port });
    const [client, routes, monitoring] = [4222, 6222, 8222] as const;
    for (const deployment of deployments()) {
      const pod = { namespace, labels: podLabels(deployment) };
      expect(into(pod, client), deployment.metadata.name).toBe(true);
      expect(into(pod, routes), deployment.metadata.name).toBe(false);
      expect(into(pod, monitoring), deployment.metadata.name).toBe(false);
      expect(into({ ...pod, namespace: "default" }, client), `${deployment.metadata.name} elsewhere`).toBe(false);
    }
    expect(into(server, routes), "cluster routes between the servers").toBe(true);
    expect(into(server, client)).toBe(true);
    expect(into(box, client)).toBe(true);
    expect(into(box, routes)).toBe(false);
    const prometheus = { namespace: "monitoring", labels: { "app.kubernetes.io/name": "prometheus" } };
    expect(into(prometheus, monitoring)).toBe(true);
    expect(into(prometheus, client)).toBe(false);
    const database = { namespace, labels: { "cnpg.io/cluster": all("Cluster")[0]?.metadata.name ?? "" } };
    for (const stranger of [
      database,
      { namespace: "default", labels: { app: "anything" } },
      { ...server, namespace: "default" },
      { ...box, namespace: "default" },
      { ...prometheus, namespace: "default" },
    ]) {
      for (const port of [client, routes, monitoring])
        expect(into(stranger, port), JSON.stringify(stranger)).toBe(false);
    }
  });

  it("keeps every pod's PostgreSQL connections, at the autoscalers' maximum, under max_connections", () => {
    const cluster = all("Cluster")[0];
    const maxConnections = Number(cluster?.spec.postgresql?.parameters?.max_connections ?? 100);
    let needed = 0;
    for (const deployment of deployments()) {
      const hpa = named("HorizontalPodAutoscaler", deployment.metadata.name);
      // The pool, the readiness probe's connection, the relay's LISTEN and the start's maintenance one.
      needed += hpa?.spec.maxReplicas * (Number(configOf(deployment).DATABASE_POOL_SIZE ?? 20) + 3);
    }
    expect(needed).toBeLessThanOrEqual(maxConnections - 10);
  });

  it("gives each service a Service, a headless peers Service its callers use, an autoscaler and a disruption budget", () => {
    const others = (deployment: Resource) => deployments().filter((d) => d !== deployment);
    for (const deployment of deployments()) {
      const name = deployment.metadata.name;
      const labels = podLabels(deployment);
      expect(selects(deployment.spec.selector.matchLabels, labels)).toBe(true);
      for (const [serviceName, headless] of [
        [name, false],
        [`${name}-peers`, true],
      ] as const) {
        const service = named("Service", serviceName);
        expect(service, `Service ${serviceName}`).toBeDefined();
        expect(selects(service?.spec.selector, labels)).toBe(true);
        expect(others(deployment).some((d) => selects(service?.spec.selector, podLabels(d)))).toBe(false);
        expect(service?.spec.clusterIP === "None").toBe(headless);
        expect(service?.spec.ports).toEqual([
          expect.objectContaining({ port: 8080, targetPort: "http", appProtocol: "kubernetes.io/h2c" }),
        ]);
      }
      for (const caller of deployments()) {
        expect(configOf(caller)[peerVariable(name)]).toBe(`http://${name}-peers:8080`);
      }
      const hpa = named("HorizontalPodAutoscaler", name);
      expect(hpa?.apiVersion).toBe("autoscaling/v2");
      expect(hpa?.spec.scaleTargetRef).toEqual({ apiVersion: "apps/v1", kind: "Deployment", name });
      expect(hpa?.spec.minReplicas).toBe(overlay.minReplicas);
      expect(hpa?.spec.maxReplicas).toBeGreaterThanOrEqual(hpa?.spec.minReplicas);
      expect(deployment.spec.replicas, "the autoscaler owns the replica count").toBeUndefined();
      const budget = named("PodDisruptionBudget", name);
      expect(selects(budget?.spec.selector.matchLabels, labels)).toBe(true);
      expect(others(deployment).some((d) => selects(budget?.spec.selector.matchLabels, podLabels(d)))).toBe(false);
    }
  });

  it("routes every RPC of the contracts to a Service of a process that serves it, over h2c", () => {
    const route = named("HTTPRoute", "waybill");
    expect(route?.apiVersion).toBe("gateway.networking.k8s.io/v1");
    for (const parent of route?.spec.parentRefs ?? []) expect(named("Gateway", parent.name)).toBeDefined();
    const rules = route?.spec.rules as RouteRule[];
    expect(rules.length).toBeLessThanOrEqual(16); // the Gateway API's limit per route
    expect(read("services/orders/index.ts")).toContain("descriptor: ApiKeyService");
    const ownerOf = (typeName: string) =>
      serviceDefinitions.find((d) => d.descriptor.typeName === typeName)?.name ?? servedBeside[typeName];
    const paths: { path: string; owner?: string; streaming: boolean }[] = [];
    for (const service of contractServices()) {
      const owner = ownerOf(service.typeName);
      for (const method of service.methods) {
        paths.push({ path: `/${service.typeName}/${method.name}`, owner, streaming: method.methodKind !== "unary" });
      }
    }
    expect(new Set(paths.map((p) => p.owner)).size).toBe(serviceDefinitions.length + 1);
    // Served by any process: the console, its assets and the API reference.
    for (const path of ["/", "/assets/index.js", "/docs", "/docs/openapi.json"]) paths.push({ path, streaming: false });
    for (const { path, owner, streaming } of paths) {
      const rule = routeFor(rules, path);
      expect(rule, path).toBeDefined();
      const [backend, ...more] = rule?.backendRefs ?? [];
      expect(more).toEqual([]);
      const service = named("Service", backend?.name ?? "");
      expect(service, `${path} → Service ${backend?.name}`).toBeDefined();
      const port = service?.spec.ports.find((p: { port: number }) => p.port === backend?.port);
      expect(port?.appProtocol, path).toBe("kubernetes.io/h2c");
      const served = deployments().filter((d) => selects(service?.spec.selector, podLabels(d)));
      if (owner) expect(served.map(serviceOf), path).toEqual([owner]);
      else expect(served.length, `${path} goes to any process`).toBe(serviceDefinitions.length);
      const timeout = rule?.timeouts?.request;
      if (streaming) expect(timeout, `${path} is a stream`).toBe("0s");
      else expect(durationMs(timeout ?? "0s"), path).toBeGreaterThan(placeOrderDeadlineMs());
    }
  });

  it("serves the API on the gateway's HTTP listener, or in production on HTTPS only, plain HTTP redirecting", () => {
    interface Listener {
      readonly name: string;
      readonly protocol: string;
      readonly port: number;
      readonly tls?: { certificateRefs?: unknown[] };
    }
    const gateway = named("Gateway", "waybill");
    const listeners = (gateway?.spec.listeners ?? []) as Listener[];
    // Port 80 stays open in every overlay (the merge patch of overlays/prod lists it again).
    expect(listeners.find((listener) => listener.port === 80)?.protocol).toBe("HTTP");
    const attachedTo = (route: Resource) =>
      (route.spec.parentRefs as { name: string; sectionName?: string }[]).flatMap((ref) => {
        expect(ref.name, route.metadata.name).toBe(gateway?.metadata.name);
        if (ref.sectionName === undefined) return listeners;
        const listener = listeners.find((l) => l.name === ref.sectionName);
        expect(listener, `${route.metadata.name} → listener ${ref.sectionName}`).toBeDefined();
        return listener ? [listener] : [];
      });
    const api = attachedTo(named("HTTPRoute", "waybill")!);
    expect(api.length).toBeGreaterThan(0);
    for (const listener of api) {
      expect(listener.protocol, `the API on ${listener.name}`).toBe(overlay.production ? "HTTPS" : "HTTP");
      if (listener.protocol === "HTTPS") expect(listener.tls?.certificateRefs?.length).toBeGreaterThan(0);
    }
    // Any other route only redirects plain HTTP to HTTPS, and attaches to nothing else.
    const others = all("HTTPRoute").filter((route) => route.metadata.name !== "waybill");
    for (const route of others) {
      expect(attachedTo(route).map((listener) => listener.protocol)).toEqual(["HTTP"]);
      for (const rule of route.spec.rules) {
        expect(rule.backendRefs, route.metadata.name).toBeUndefined();
        expect(rule.matches, route.metadata.name).toBeUndefined();
        expect(rule.filters).toEqual([
          { type: "RequestRedirect", requestRedirect: { scheme: "https", statusCode: 301 } },
        ]);
      }
    }
    expect(others.length).toBe(overlay.production ? 1 : 0);
  });

  it("keeps a quiet Watch stream open at the gateway for an hour (Envoy Gateway's stream idle timeout)", () => {
    const gateway = named("Gateway", "waybill");
    // The policy below is Envoy Gateway's: another class needs its equivalent (README).
    expect(gateway?.spec.gatewayClassName).toBe("eg");
    const policies = all("ClientTrafficPolicy").filter(
      (policy) =>
        policy.apiVersion === "gateway.envoyproxy.io/v1alpha1" &&
        (policy.spec.targetRefs ?? []).some(
          (ref: { group: string; kind: string; name: string; sectionName?: string }) =>
            ref.group === "gateway.networking.k8s.io" &&
            ref.kind === "Gateway" &&
            ref.name === gateway?.metadata.name &&
            ref.sectionName === undefined,
        ),
    );
    expect(policies).toHaveLength(1);
    const idle = policies[0]?.spec.timeout?.http?.streamIdleTimeout ?? "";
    expect(durationMs(idle), `streamIdleTimeout ${idle}`).toBeGreaterThanOrEqual(3_600_000);
  });

  it("leaves the namespace to be created beforehand, so that deleting the overlay keeps it and NATS", () => {
    expect(all("Namespace")).toEqual([]);
    for (const resource of resources) expect(resource.metadata.namespace, resource.metadata.name).toBe("waybill");
  });

  it("lets Waybill pods talk only to the gateway, each other, PostgreSQL, NATS and DNS (and outside for two)", () => {
    const policies = all("NetworkPolicy");
    const waybillPods = deployments().map(podLabels);
    for (const type of ["Ingress", "Egress"]) {
      const covering = policies.filter((p) => p.spec.policyTypes.includes(type));
      for (const labels of waybillPods) {
        const selected = covering.some((p) => selects(p.spec.podSelector.matchLabels, labels));
        expect(selected, `${type} policy of ${JSON.stringify(labels)}`).toBe(true);
      }
    }
    const namespace = "waybill";
    for (const policy of policies) expect(policy.metadata.namespace, policy.metadata.name).toBe(namespace);
    const waybill = (labels: Labels): Pod => ({ namespace, labels });
    const cluster = all("Cluster")[0]?.metadata.name ?? "";
    const database = waybill({ "cnpg.io/cluster": cluster, "cnpg.io/podRole": "instance" });
    // The NATS chart's selector labels for its servers, release "nats".
    const nats = waybill(natsChartLabels("nats", "nats"));
    const dns = { namespace: "kube-system", labels: { "k8s-app": "kube-dns" } };
    // Envoy Gateway's proxies of this Gateway (base/network-policies/ingress.yaml).
    const gatewayName = all("Gateway")[0]?.metadata.name ?? "";
    const gateway = {
      namespace: "envoy-gateway-system",
      labels: { "gateway.envoyproxy.io/owning-gateway-name": gatewayName },
    };
    const http = { number: 8080, name: "http" };
    for (const labels of waybillPods) {
      const pod = waybill(labels);
      const egress = (to: Pod, port: number) => policiesAllow(policies, "Egress", pod, to, { number: port });
      expect(egress(database, 5432), "to PostgreSQL").toBe(true);
      expect(egress(nats, 4222), "to NATS").toBe(true);
      expect(egress(dns, 53), "to cluster DNS").toBe(true);
      expect(egress({ ...dns, namespace: "default" }, 53), "DNS only in kube-system").toBe(false);
      expect(egress({ ...nats, namespace: "default" }, 4222), "NATS only in Waybill's namespace").toBe(false);
      for (const peer of waybillPods) {
        expect(egress(waybill(peer), 8080), "to the other services").toBe(true);
        expect(policiesAllow(policies, "Ingress", waybill(peer), pod, http), "from the other services").toBe(true);
      }
      expect(policiesAllow(policies, "Ingress", gateway, pod, http), "from the gateway's proxies").toBe(true);
      for (const stranger of [
        { ...gateway, namespace: "default" },
        { ...gateway, labels: { "gateway.envoyproxy.io/owning-gateway-name": "another" } },
        { namespace: "default", labels },
        database,
        nats,
      ]) {
        expect(policiesAllow(policies, "Ingress", stranger, pod, http), JSON.stringify(stranger)).toBe(false);
      }
    }
    // Only Notifications (SMTP, webhooks) and Campaigns (the ad platform) reach addresses outside.
    const outside = policies.filter((p) =>
      (p.spec.egress ?? []).some((rule: { to: { ipBlock?: unknown }[] }) => rule.to.some((peer) => peer.ipBlock)),
    );
    const reachOutside = deployments().filter((d) =>
      outside.some((p) => selects(p.spec.podSelector.matchLabels, podLabels(d))),
    );
    expect(reachOutside.map(serviceOf).sort()).toEqual(["campaigns", "notifications"]);
  });

  it("matches the NATS chart's values: a JetStream cluster of 3 with file storage, or 1 server in dev", () => {
    const values = parse(read("deploy/k8s/nats/values.yaml"));
    expect(values.config.jetstream).toMatchObject({
      enabled: true,
      fileStore: { enabled: true, pvc: { enabled: true } },
    });
    expect(values.config.cluster).toMatchObject({ enabled: true, replicas: 3 });
    const devValues = parse(read("deploy/k8s/nats/values-dev.yaml"));
    expect(devValues.config.cluster.enabled).toBe(false);
    // Helm ignores keys the chart does not read: every key must be one of the chart's.
    const chart = parse(read("deploy/k8s/nats/chart-values-keys.yaml")) as { version: string; keys: string[] };
    expect(read("deploy/k8s/README.md")).toContain(`--version ${chart.version}`);
    expect(unknownValueKeys(values, chart.keys)).toEqual([]);
    expect(unknownValueKeys(devValues, chart.keys)).toEqual([]);
    for (const deployment of deployments()) {
      expect(configOf(deployment).STREAM_REPLICAS).toBe(overlay.production ? "3" : "1");
      expect(configOf(deployment).NATS_URL).toBe("nats://nats:4222");
    }
  });
});

/**
 * The key paths of Helm values that a chart's defaults (`keys`: one path per scalar or list, and
 * "<path>.*" for a map whose keys are free) do not have.
 */
function unknownValueKeys(values: unknown, keys: readonly string[]): string[] {
  const known = new Set(keys.flatMap((key) => key.split(".").map((_, i, parts) => parts.slice(0, i + 1).join("."))));
  const open = keys.filter((key) => key.endsWith(".*")).map((key) => key.slice(0, -1));
  const unknown: string[] = [];
  const walk = (node: unknown, prefix: string) => {
    if (node === null || typeof node !== "object" || Array.isArray(node)) return;
    for (const [key, child] of Object.entries(node)) {
      const path = `${prefix}${key}`;
      if (open.some((free) => path.startsWith(free))) continue;
      if (!known.has(path)) unknown.push(path);
      else walk(child, `${path}.`);
    }
  };
  walk(values, "");
  return unknown;
}

/** PlaceOrder's longest run, which a gateway's timeout must exceed. */
function placeOrderDeadlineMs(): number {
  const specs = ordersSettings.variables as Record<string, { default?: number }>;
  return (specs.PLACE_ORDER_DEADLINE_MS?.default ?? 0) + (specs.PLACEMENT_GRACE_MS?.default ?? 0);
}
