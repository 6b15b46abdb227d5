import type { Environment } from "./settings.js";

/**
 * What `npm start` sets on a development server when it is unset, so that the traffic simulator
 * (the console's switch) shows the system move at once: drones fly twenty times faster (a
 * ten-minute flight lasts 30 s) and Waybill may post webhooks to the simulator's receiver on this
 * machine. Never applied in production or with a real AUTH_SECRET (the development tools are off).
 */
export const developmentDefaults: Readonly<Record<string, string>> = {
  FLEET_TIME_SCALE: "0.05",
  WEBHOOK_ALLOWED_HOSTS: "127.0.0.1",
};

/**
 * `env` with the {@link developmentDefaults} it lacks, when the development tools are on
 * (`config.devSignInEnabled`), and which of them were applied (to log them); `env` as it is
 * otherwise. A variable set to anything, even empty, is left alone.
 *
 * @example
 * const { env, applied } = withDevelopmentDefaults(process.env, config.devSignInEnabled);
 */
export function withDevelopmentDefaults(
  env: Environment,
  developmentTools: boolean,
): { readonly env: Environment; readonly applied: Readonly<Record<string, string>> } {
  if (!developmentTools) return { env, applied: {} };
  const applied = Object.fromEntries(Object.entries(developmentDefaults).filter(([name]) => env[name] === undefined));
  return { env: { ...env, ...applied }, applied };
}
