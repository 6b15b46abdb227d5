import { ConfigError } from "../config/index.js";
import { listenOnePort, type OnePortListener } from "../server/index.js";

/** Why a port could not be bound, in words an operator can act on. */
const reasons: Readonly<Record<string, string>> = {
  EADDRINUSE: "is already in use - stop the other process or choose another port with PORT or --port",
  EACCES: "may not be bound by this user - choose a port above 1023 with PORT or --port",
  EADDRNOTAVAIL: "is not an address of this machine - check HOST",
};

/**
 * Binds the one port, turning the usual failures (in use, not permitted, no such address) into a
 * {@link ConfigError} naming `PORT` that the entry point prints as one line.
 */
export async function listenOrExplain(options: Parameters<typeof listenOnePort>[0]): Promise<OnePortListener> {
  try {
    return await listenOnePort(options);
  } catch (error) {
    const reason = reasons[String((error as { code?: unknown }).code)];
    if (reason === undefined) throw error;
    throw new ConfigError("PORT", `${options.host}:${options.port} ${reason}`);
  }
}
