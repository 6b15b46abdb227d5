/**
 * Configuration from the environment: the process's own settings, the services it runs and their
 * peers, and the building blocks each service declares its own settings with.
 */
export { ConfigError } from "./config-error.js";
export { type DevelopmentServer, developmentDefaults, withDevelopmentDefaults } from "./development-defaults.js";
export {
  type ConfigOverrides,
  type ConfigurableService,
  loadConfig,
  type WaybillConfig,
  type WaybillSettings,
} from "./load-config.js";
export { minimumSecretBytes, productionSecret, secretWeakness } from "./secret-strength.js";
export {
  emailAddress,
  integer,
  keyedIntegers,
  list,
  mailbox,
  matching,
  namedUrls,
  nonBlank,
  originList,
  positiveNumber,
  rateLimitPolicy,
  secret,
  secretUrlOf,
  urlListOf,
  urlOf,
} from "./setting-validators.js";
export {
  defineSettings,
  describeSettings,
  type Environment,
  type SettingDoc,
  type SettingSpecs,
  type SettingsDefinition,
} from "./settings.js";
export {
  defaultSimulatorWebhookPort,
  developmentAuthSecret,
  peerSettings,
  peerVariable,
  type RecordExpiry,
  waybillSettings,
} from "./waybill-settings.js";
