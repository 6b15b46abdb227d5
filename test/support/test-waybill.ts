import type { Waybill } from "@waybill/sdk";
import { createWaybill, type NodeWaybillOptions } from "@waybill/sdk/node";
import { serviceDefinitions } from "../../services/definitions.js";
import { type RunningWaybill, type ServiceDefinition, startWaybill } from "../../services/kit/app/index.js";
import { createTokenIssuer, type RoleName } from "../../services/kit/auth/index.js";
import { loadConfig } from "../../services/kit/config/index.js";
import { createLogger } from "../../services/kit/logging/logger.js";
import { createIsolatedEnvironment, type IsolatedEnvironment } from "./isolated-environment.js";
import { loopbackWebhookHosts } from "./waybill-process.js";

/** A Waybill started for one test file, on its own database and event prefix. */
export interface TestWaybill {
  readonly url: string;
  readonly env: IsolatedEnvironment;
  readonly running: RunningWaybill;
  /** Signs a token for a role (brand and partner need a brand id). */
  token(role: RoleName, brandId?: string, subject?: string): Promise<string>;
  /** SDK clients authenticated as the role, over the chosen protocol (Connect by default). */
  as(role: RoleName, brandId?: string, protocol?: NodeWaybillOptions["protocol"]): Promise<Waybill>;
  /** SDK clients of one courier (a token whose subject is the courier id). */
  asCourier(courierId: string): Promise<Waybill>;
  /** SDK clients of one customer (a token whose subject is the customer id). */
  asCustomer(customerId: string, protocol?: NodeWaybillOptions["protocol"]): Promise<Waybill>;
  /** Stops Waybill and removes the database and streams. */
  stop(): Promise<void>;
}

/**
 * What a harness built on a {@link TestWaybill} hands its tests directly: where Waybill runs, its
 * environment, tokens and clients of any role. (Starting and stopping stay with the harness.)
 */
export type WaybillAccess = Pick<TestWaybill, "url" | "env" | "token" | "as" | "asCourier" | "asCustomer">;

/** The {@link WaybillAccess} of a started Waybill, to spread into a harness. */
export function accessOf(waybill: TestWaybill): WaybillAccess {
  const { url, env, token, as, asCourier, asCustomer } = waybill;
  return { url, env, token, as, asCourier, asCustomer };
}

/** The `AUTH_SECRET` of every test Waybill; a replica or a command-line tool must share it. */
export const testAuthSecret = "test-secret-of-at-least-thirty-two-characters";
const secret = testAuthSecret;

/**
 * Starts Waybill with the given services (all that exist by default) on a free port, against a
 * fresh database and event prefix. Call `stop()` in `afterAll`.
 *
 * @example
 * const waybill = await startTestWaybill();
 * const admin = await waybill.as("admin");
 */
export async function startTestWaybill(
  options: {
    /** The services to run (all by default); a service with test hooks replaces its namesake. */
    readonly definitions?: readonly ServiceDefinition[];
    readonly env?: Readonly<Record<string, string>>;
    /** The services' clock (default: the system clock). */
    readonly now?: () => Date;
    /** Another Waybill's environment, to run a second replica on it; its owner removes it. */
    readonly sharing?: IsolatedEnvironment;
  } = {},
): Promise<TestWaybill> {
  const env = options.sharing ?? (await createIsolatedEnvironment());
  const cleanup = options.sharing ? async () => undefined : () => env.cleanup();
  const definitions = options.definitions ?? serviceDefinitions;
  const catalog = serviceDefinitions.map((known) => definitions.find((d) => d.name === known.name) ?? known);
  const variables = {
    DATABASE_URL: env.databaseUrl,
    NATS_URL: env.natsUrl,
    EVENT_PREFIX: env.prefix,
    AUTH_SECRET: secret,
    PORT: "0",
    SHUTDOWN_GRACE_MS: "500",
    SERVICES: definitions.map((d) => d.name).join(","),
    // Without SMTP_URL, Notifications writes mail to MAIL_DIR: keep it out of the checkout.
    MAIL_DIR: env.mailDir,
    // The tests' webhook receivers listen on loopback, which production refuses: let it through here.
    WEBHOOK_ALLOWED_HOSTS: loopbackWebhookHosts,
    // Tests hammer one token on purpose; the rate-limit tests turn limits on themselves.
    RATE_LIMITS: "off",
    // A development server: the console's tests sign in through it (a set AUTH_SECRET turns it off by default).
    DEV_SIGN_IN_ENABLED: "true",
    ...options.env,
  };
  const config = loadConfig(variables, {}, catalog);
  const logger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? "silent" });
  let running: RunningWaybill;
  try {
    running = await startWaybill({
      config,
      logger,
      catalog,
      env: variables,
      ...(options.now ? { now: options.now } : {}),
    });
  } catch (error) {
    await cleanup();
    throw error;
  }
  const tokens = createTokenIssuer(secret);
  const token = (role: RoleName, brandId?: string, subject?: string) =>
    tokens.sign({ subject: subject ?? `${role}-test`, role, ...(brandId ? { brandId } : {}) });
  const client = async (
    role: RoleName,
    who: { readonly brandId?: string; readonly subject?: string },
    protocol?: NodeWaybillOptions["protocol"],
  ) =>
    createWaybill({
      baseUrl: running.url,
      token: await token(role, who.brandId, who.subject),
      // Tests assert the server's own answers; the SDK's retries have tests of their own.
      retry: false,
      ...(protocol ? { protocol } : {}),
    });
  return {
    url: running.url,
    env,
    running,
    token,
    as: (role, brandId, protocol) => client(role, brandId ? { brandId } : {}, protocol),
    asCourier: (courierId) => client("courier", { subject: courierId }),
    asCustomer: (customerId, protocol) => client("customer", { subject: customerId }, protocol),
    async stop() {
      try {
        await running.stop();
      } finally {
        await cleanup();
      }
    },
  };
}
