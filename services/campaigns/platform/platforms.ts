import type { Logger } from "pino";
import { DomainError } from "../../kit/errors/index.js";
import { createPlatformClient, type PlatformClient } from "./platform-client.js";

/** The ad platforms this server knows, by name. */
export interface Platforms {
  /** Names of the configured platforms, sorted. */
  names(): readonly string[];
  /** The client of a platform; INVALID_ARGUMENT when the server has no such platform. */
  get(name: string): PlatformClient;
}

/** Settings every platform client shares. */
export interface PlatformsOptions {
  /** Base URL of each platform's API by name; a function, for a simulator that starts later. */
  readonly urls: Readonly<Record<string, () => string>>;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly backoffMs: number;
  readonly logger: Logger;
}

/**
 * One {@link PlatformClient} per configured platform.
 *
 * @example
 * const platforms = createPlatforms({ urls: { megaphone: () => "http://127.0.0.1:4010" }, timeoutMs: 5_000, retries: 2, backoffMs: 300, logger });
 * platforms.get("megaphone").listAll();
 */
export function createPlatforms(options: PlatformsOptions): Platforms {
  const clients = new Map(
    Object.entries(options.urls).map(([name, baseUrl]) => [
      name,
      createPlatformClient({
        name,
        baseUrl,
        timeoutMs: options.timeoutMs,
        retries: options.retries,
        backoffMs: options.backoffMs,
        logger: options.logger,
      }),
    ]),
  );
  const names = [...clients.keys()].sort();
  return {
    names: () => names,
    get(name) {
      const client = clients.get(name);
      if (!client)
        throw new DomainError(
          "invalid_argument",
          `platform ${name} is not configured on this server - use one of ${names.join(" or ")}`,
        );
      return client;
    },
  };
}
