export type { ServiceName, WaybillConfig } from "./config.js";
export { developmentAuthSecret, serviceNames } from "./config.js";
export { ConfigError } from "./config-error.js";
export type { ConfigOverrides, Environment } from "./load-config.js";
export { loadConfig } from "./load-config.js";
