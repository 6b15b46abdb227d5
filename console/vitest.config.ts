import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defaultClientConditions } from "vite";
import { defineConfig } from "vitest/config";

// The console's unit and component tests alone (`npx vitest run --config console/vitest.config.ts`):
// browser conditions, with the SDK and contracts from their sources. A file that renders asks for
// happy-dom; one that does not runs in Node, which resolves through `ssr` - with the same sources,
// so no test depends on an SDK build being there (a fresh clone has none).
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  plugins: [react()],
  resolve: { conditions: ["@waybill/source", ...defaultClientConditions] },
  ssr: { resolve: { conditions: ["@waybill/source", ...defaultClientConditions] } },
  test: { include: ["src/**/*.test.{ts,tsx}"] },
});
