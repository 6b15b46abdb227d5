import { createServer, request as forward } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * An HTTP proxy in front of the ad platform that can hold requests: a test points replicas at it
 * to catch one of them in the middle of a call, for exactly as long as it needs.
 */
export interface PlatformGate {
  /** The proxy's URL, for `PLATFORM_URL`. */
  readonly url: string;
  /** Holds every request from now on until {@link open}. */
  close(): void;
  /** Lets held and later requests through. */
  open(): void;
  /** How many requests are being held. */
  held(): number;
  stop(): Promise<void>;
}

/** Starts a gate, open, forwarding to `target` (the platform simulator's URL). */
export async function startPlatformGate(target: string): Promise<PlatformGate> {
  const upstream = new URL(target);
  let closed = false;
  const waiting: (() => void)[] = [];
  const server = createServer((incoming, outgoing) => {
    const pass = () => {
      const proxied = forward(
        {
          hostname: upstream.hostname,
          port: upstream.port,
          path: incoming.url,
          method: incoming.method,
          headers: { ...incoming.headers, host: upstream.host },
        },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
      proxied.on("error", () => outgoing.destroy());
      incoming.pipe(proxied);
    };
    if (closed) waiting.push(pass);
    else pass();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close() {
      closed = true;
    },
    open() {
      closed = false;
      for (const pass of waiting.splice(0)) pass();
    },
    held: () => waiting.length,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
