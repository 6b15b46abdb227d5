export { ConfigError } from "./config-error.js";
export { developmentAuthSecret, serviceNames } from "./config.js";
export type { ServiceName, WaybillConfig } from "./config.js";
export { loadConfig } from "./load-config.js";
export type { ConfigOverrides, Environment } from "./load-config.js";
