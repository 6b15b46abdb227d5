import { createServer, request as forward } from "node:http";
import type { AddressInfo } from "node:net";

/** A request as the gate sees it, to choose which ones to hold. */
export interface GatedRequest {
  readonly method: string;
  /** The path without its query, e.g. `/v1/campaigns/mp_1`. */
  readonly path: string;
}

/**
 * An HTTP proxy in front of the ad platform that can hold requests: a test points replicas at it
 * to catch one of them in the middle of a call, for exactly as long as it needs. It also counts
 * the requests in flight per method and path (from reaching the gate until their answer is sent,
 * held ones included), to show that one campaign is never called twice at once.
 */
export interface PlatformGate {
  /** The proxy's URL, for `PLATFORM_URL`. */
  readonly url: string;
  /** Holds every request (or those `which` picks) from now on until {@link open}. */
  close(which?: (request: GatedRequest) => boolean): void;
  /** Lets held and later requests through. */
  open(): void;
  /** Drops the held requests without forwarding them, as if they never reached the platform. */
  drop(): void;
  /** How many requests are being held. */
  held(): number;
  /** The most requests with this method and path that were in flight at once. */
  peakInFlight(method: string, path: string): number;
  stop(): Promise<void>;
}

/** Starts a gate, open, forwarding to `target` (the platform simulator's URL). */
export async function startPlatformGate(target: string): Promise<PlatformGate> {
  const upstream = new URL(target);
  let holds: ((request: GatedRequest) => boolean) | undefined;
  let waiting: { readonly pass: () => void; readonly drop: () => void }[] = [];
  const inFlight = new Map<string, number>();
  const peaks = new Map<string, number>();
  const server = createServer((incoming, outgoing) => {
    const request = { method: incoming.method ?? "GET", path: new URL(incoming.url ?? "/", "http://gate").pathname };
    const key = `${request.method} ${request.path}`;
    const now = (inFlight.get(key) ?? 0) + 1;
    inFlight.set(key, now);
    peaks.set(key, Math.max(peaks.get(key) ?? 0, now));
    outgoing.on("close", () => inFlight.set(key, (inFlight.get(key) ?? 1) - 1));
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
    if (holds?.(request)) waiting.push({ pass, drop: () => outgoing.destroy() });
    else pass();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const release = () => {
    const held = waiting;
    waiting = [];
    return held;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    close(which = () => true) {
      holds = which;
    },
    open() {
      holds = undefined;
      for (const { pass } of release()) pass();
    },
    drop() {
      for (const { drop } of release()) drop();
    },
    held: () => waiting.length,
    peakInFlight: (method, path) => peaks.get(`${method} ${path}`) ?? 0,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
