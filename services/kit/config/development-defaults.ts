import type { Environment } from "./settings.js";

/** What a development server is: outside production, on the development AUTH_SECRET. */
export interface DevelopmentServer {
  /** NODE_ENV=production. */
  readonly production: boolean;
  /** AUTH_SECRET is unset: the development secret signs tokens. */
  readonly authSecretIsDefault: boolean;
  /** SIMULATOR_WEBHOOK_PORT: the in-process simulation's webhook receiver listens on 127.0.0.1 there. */
  readonly simulatorWebhookPort: number;
}

/**
 * What `npm start` sets on a development server when it is unset, so that the traffic simulator
 * (the console's switch) shows the system move at once: drones fly twenty times faster (a
 * ten-minute flight lasts 30 s), and Waybill may post webhooks to the simulator's receiver on
 * this machine - that one port only (`127.0.0.1:<SIMULATOR_WEBHOOK_PORT>`), not every loopback
 * port (NATS monitoring, PostgreSQL, ...).
 *
 * @example
 * developmentDefaults(8787); // { FLEET_TIME_SCALE: "0.05", WEBHOOK_ALLOWED_HOSTS: "127.0.0.1:8787" }
 */
export function developmentDefaults(simulatorWebhookPort: number): Readonly<Record<string, string>> {
  return { FLEET_TIME_SCALE: "0.05", WEBHOOK_ALLOWED_HOSTS: `127.0.0.1:${simulatorWebhookPort}` };
}

/**
 * `env` with the {@link developmentDefaults} it lacks, and which of them were applied (to log
 * them), on a development server only: not production and AUTH_SECRET unset. A server with a real
 * secret gets none, even with DEV_SIGN_IN_ENABLED=true (a staging server opening its development
 * tools must not also open loopback webhooks). A variable set to anything, even empty, is left alone.
 *
 * @example
 * const { env, applied } = withDevelopmentDefaults(process.env, config);
 */
export function withDevelopmentDefaults(
  env: Environment,
  server: DevelopmentServer,
): { readonly env: Environment; readonly applied: Readonly<Record<string, string>> } {
  if (server.production || !server.authSecretIsDefault) return { env, applied: {} };
  const defaults = developmentDefaults(server.simulatorWebhookPort);
  const applied = Object.fromEntries(Object.entries(defaults).filter(([name]) => env[name] === undefined));
  return { env: { ...env, ...applied }, applied };
}
