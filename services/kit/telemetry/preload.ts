/**
 * Import this first in an entry point (services/main.ts does): when the `OTEL_*` variables ask for
 * export, it enables the instrumentations before any module they patch (`pg`) is evaluated. ES
 * modules evaluate their imports in order, so being the first import is enough; no loader hook is
 * needed (pg is CommonJS and its files are patched as they are required). Without export
 * variables it does nothing.
 */
import { exportPlan } from "./export-plan.js";
import { enableInstrumentations } from "./instrumentations.js";

enableInstrumentations(exportPlan(process.env));
