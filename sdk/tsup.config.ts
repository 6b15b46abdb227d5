/**
 * The published build: ESM (.js) and CommonJS (.cjs) with types for each (.d.ts, .d.cts), one
 * file per entry point plus shared chunks, no source maps (the package ships no sources for them
 * to point at).
 *
 * The generated contracts are bundled, not depended on: every `@waybill/contracts/<path>` import
 * is taken from gen/wire/<path> (the contracts without their validation rules, see
 * scripts/generate-wire-contracts.ts), so a partner installs one package and a browser bundle
 * carries no protovalidate descriptors. The types follow the same mapping (tsconfig.build.json).
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, type Options } from "tsup";

const wireDir = join(dirname(fileURLToPath(import.meta.url)), "..", "gen", "wire");

/** `@waybill/contracts/<path>` and `@waybill/contracts/wire/<path>` → gen/wire/<path>. */
const wireContracts: NonNullable<Options["esbuildPlugins"]>[number] = {
  name: "waybill-wire-contracts",
  setup(build) {
    build.onResolve({ filter: /^@waybill\/contracts\// }, (args) => ({
      path: join(wireDir, args.path.replace(/^@waybill\/contracts\/(wire\/)?/, "")),
    }));
  },
};

export default defineConfig({
  entry: {
    index: "src/index.ts",
    node: "src/node.ts",
    inventory: "src/inventory.ts",
    orders: "src/orders.ts",
    fleet: "src/fleet.ts",
    campaigns: "src/campaigns.ts",
    notifications: "src/notifications.ts",
    access: "src/access.ts",
  },
  format: ["esm", "cjs"],
  // Shared chunks in CommonJS too: one copy of each module per format, so `@waybill/sdk/orders`
  // and `@waybill/sdk/node` hand out the same schema and enum objects (a process that both
  // imports and requires the SDK holds two copies, equal in value).
  splitting: true,
  dts: true,
  tsconfig: "tsconfig.build.json",
  target: "es2022",
  platform: "neutral",
  sourcemap: false,
  clean: true,
  // Not a dependency of the package: bundled, from gen/wire/.
  noExternal: [/^@waybill\/contracts\//],
  esbuildPlugins: [wireContracts],
});
