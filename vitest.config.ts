import { defineConfig } from "vitest/config";

// Every test file builds its own isolated environment (database + event prefix), so files run
// in parallel against the shared PostgreSQL and NATS servers. `@waybill/source` resolves the
// workspace packages (the SDK) to their TypeScript sources, as `npm start` does. The console's
// component tests are a project of their own: browser conditions and happy-dom.
export default defineConfig({
  ssr: { resolve: { conditions: ["@waybill/source", "node", "development|production"] } },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: "waybill",
          include: ["test/**/*.test.ts", "services/**/*.test.ts", "sdk/src/**/*.test.ts", "bench/**/*.test.ts"],
        },
      },
      "console/vitest.config.ts",
    ],
  },
});
