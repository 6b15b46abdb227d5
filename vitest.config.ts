import { defineConfig } from "vitest/config";

// Every test file builds its own isolated environment (database + event prefix), so files run
// in parallel against the shared PostgreSQL and NATS servers. `@waybill/source` resolves the
// workspace packages (the SDK) to their TypeScript sources, as `npm start` does.
export default defineConfig({
  ssr: { resolve: { conditions: ["@waybill/source", "node", "development|production"] } },
  test: {
    include: ["test/**/*.test.ts", "services/**/*.test.ts", "sdk/src/**/*.test.ts", "bench/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
