import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Attributes } from "@opentelemetry/api";
import { projectPath } from "../app/project-root.js";
import type { TelemetryEnvironment } from "./export-plan.js";

/** Waybill's version, from its package.json (at the root, from the sources and from the build alike). */
const version = (JSON.parse(readFileSync(projectPath("package.json"), "utf8")) as { version: string }).version;

/** One id per process, so the replicas of a service are told apart. */
const instanceId = randomUUID();

/**
 * The resource attributes of this process: `service.name` is `waybill-<service>` when the process
 * runs one service, else `waybill` with the services listed in `waybill.services` (the resource
 * belongs to the provider, and a process has one); `service.namespace` `waybill`;
 * `service.version`; `service.instance.id` (random per process); `deployment.environment.name`
 * (`NODE_ENV`, default `development`). `OTEL_SERVICE_NAME` and `OTEL_RESOURCE_ATTRIBUTES` are
 * merged over these by the SDK, so they win.
 *
 * @example
 * telemetryAttributes(["orders"], process.env)["service.name"]; // "waybill-orders"
 */
export function telemetryAttributes(services: readonly string[], env: TelemetryEnvironment): Attributes {
  const one = services.length === 1 ? services[0] : undefined;
  return {
    "service.name": one ? `waybill-${one}` : "waybill",
    "service.namespace": "waybill",
    "service.version": version,
    "service.instance.id": instanceId,
    "deployment.environment.name": env.NODE_ENV || "development",
    ...(one ? {} : { "waybill.services": [...services] }),
  };
}
