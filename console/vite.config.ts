import react from "@vitejs/plugin-react";
import { defaultClientConditions, defineConfig } from "vite";

/** Paths of Connect RPCs (`/waybill.inventory.v1.InventoryService/ListItems`) and of health and reflection. */
const rpcPaths = "^/(waybill|grpc)\\.[a-z0-9_.]+\\.[A-Za-z0-9]+Service/";

// `@waybill/source` first: the SDK resolves to its TypeScript sources (sdk/src) and the contracts to
// gen/ with their validation rules, as `npm start` resolves them; no SDK build is needed.
export default defineConfig({
  base: "/",
  plugins: [react()],
  resolve: { conditions: ["@waybill/source", ...defaultClientConditions] },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: process.env.CONSOLE_SOURCEMAPS === "true",
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: { [rpcPaths]: { target: process.env.WAYBILL_URL ?? "http://127.0.0.1:8080", changeOrigin: false } },
  },
});
