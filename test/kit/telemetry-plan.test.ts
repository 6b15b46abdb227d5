import { describe, expect, it } from "vitest";
import { exportPlan, telemetryAttributes } from "../../services/kit/telemetry/index.js";

describe("which signals the OTEL_* variables export", () => {
  it.each([
    [{}, { traces: false, metrics: false }],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" }, { traces: true, metrics: true }],
    [{ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://collector:4318/v1/traces" }, { traces: true, metrics: false }],
    [{ OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: "http://collector:4318/v1/metrics" }, { traces: false, metrics: true }],
    [{ OTEL_METRICS_EXPORTER: "prometheus" }, { traces: false, metrics: true }],
    [{ OTEL_TRACES_EXPORTER: "console" }, { traces: true, metrics: false }],
    [
      { OTEL_EXPORTER_OTLP_ENDPOINT: "http://c:4318", OTEL_METRICS_EXPORTER: "none" },
      { traces: true, metrics: false },
    ],
    [
      { OTEL_EXPORTER_OTLP_ENDPOINT: "http://c:4318", OTEL_TRACES_EXPORTER: "none" },
      { traces: false, metrics: true },
    ],
    [
      { OTEL_EXPORTER_OTLP_ENDPOINT: "http://c:4318", OTEL_SDK_DISABLED: "true" },
      { traces: false, metrics: false },
    ],
    [
      { OTEL_TRACES_EXPORTER: "", OTEL_METRICS_EXPORTER: " " },
      { traces: false, metrics: false },
    ],
  ])("%o → %o", (env, plan) => {
    expect(exportPlan(env)).toEqual(plan);
  });
});

describe("the resource of a process", () => {
  it("names a process running one service after it", () => {
    expect(telemetryAttributes(["orders"], { NODE_ENV: "production" })).toMatchObject({
      "service.name": "waybill-orders",
      "service.namespace": "waybill",
      "deployment.environment.name": "production",
    });
  });

  it("names a process running several services waybill, listing them", () => {
    const attributes = telemetryAttributes(["inventory", "orders"], {});
    expect(attributes).toMatchObject({
      "service.name": "waybill",
      "waybill.services": ["inventory", "orders"],
      "deployment.environment.name": "development",
    });
    expect(attributes["service.instance.id"]).toBe(telemetryAttributes(["fleet"], {})["service.instance.id"]);
  });
});
