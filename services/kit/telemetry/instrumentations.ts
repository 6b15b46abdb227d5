import { createRequire } from "node:module";
import type { Instrumentation } from "@opentelemetry/instrumentation";
import type { ExportPlan } from "./export-plan.js";

// Loaded on demand (synchronously, to stay ahead of `pg`): about 130 ms a process that exports
// nothing should not pay.
const require = createRequire(import.meta.url);

/** Every instrumentation this process enabled, created at most once each (patching is process-wide). */
const enabled = new Map<string, Instrumentation>();

/**
 * Enables the instrumentations that `plan` needs, once per process, and returns all enabled so
 * far (to hand to the SDK, which gives them its providers):
 * - traces or metrics: `pg` (a span per statement with its parameterized text, never the values,
 *   and `db.client.operation.duration`; only inside a traced operation, so the relay's polling
 *   starts no traces) and undici/`fetch` (client spans and `http.client.request.duration` for
 *   webhooks and the ad platform, with `traceparent` sent along);
 * - metrics: Node runtime (event loop delay and utilization, heap, GC).
 *
 * `pg` is patched when its CommonJS files are first required: this must run before `pg` is
 * imported, which is what `preload.ts` (the first import of services/main.ts) is for. Called
 * later, pg statements get no spans; the rest works (undici is observed through
 * diagnostics_channel, not patched).
 */
export function enableInstrumentations(plan: ExportPlan): readonly Instrumentation[] {
  if (plan.traces || plan.metrics) {
    once("pg", () => {
      const { PgInstrumentation } = require("@opentelemetry/instrumentation-pg") as PgModule;
      // Statement text only: parameter values would carry customers' data into spans.
      return new PgInstrumentation({ requireParentSpan: true, enhancedDatabaseReporting: false });
    });
    once("undici", () => {
      const { UndiciInstrumentation } = require("@opentelemetry/instrumentation-undici") as UndiciModule;
      return new UndiciInstrumentation();
    });
  }
  if (plan.metrics) {
    once("runtime-node", () => {
      const { RuntimeNodeInstrumentation } = require("@opentelemetry/instrumentation-runtime-node") as RuntimeModule;
      return new RuntimeNodeInstrumentation();
    });
  }
  return [...enabled.values()];
}

type PgModule = typeof import("@opentelemetry/instrumentation-pg");
type UndiciModule = typeof import("@opentelemetry/instrumentation-undici");
type RuntimeModule = typeof import("@opentelemetry/instrumentation-runtime-node");

function once(name: string, create: () => Instrumentation): void {
  // Instrumentations enable themselves when constructed.
  if (!enabled.has(name)) enabled.set(name, create());
}
