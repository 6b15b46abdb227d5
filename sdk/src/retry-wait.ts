/** The call's timeout in milliseconds, from the header the transport set (Connect or gRPC). */
export function timeoutOf(header: Headers): number | undefined {
  const connect = header.get("connect-timeout-ms");
  if (connect !== null) return Number(connect);
  const grpc = /^(\d+)([HMSmun])$/.exec(header.get("grpc-timeout") ?? "");
  if (!grpc?.[1] || !grpc[2]) return undefined;
  const unitMs: Record<string, number> = { H: 3_600_000, M: 60_000, S: 1_000, m: 1, u: 0.001, n: 0.000_001 };
  return Number(grpc[1]) * (unitMs[grpc[2]] ?? 1);
}

/**
 * Tells the server the time left: in the header the transport already set, or, when `protocol`
 * is given (a deadline the SDK added), in that protocol's header.
 */
export function setTimeoutHeader(header: Headers, leftMs: number, protocol?: "connect" | "grpc"): void {
  const ms = String(Math.max(1, Math.floor(leftMs)));
  if (header.has("connect-timeout-ms") || protocol === "connect") header.set("connect-timeout-ms", ms);
  if (header.has("grpc-timeout") || protocol === "grpc") header.set("grpc-timeout", `${ms}m`);
}

/** Resolves `true` after `ms`, or `false` as soon as `signal` aborts. */
export function wait(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (waited: boolean) => {
      clearTimeout(timer);
      signal.removeEventListener("abort", aborted);
      resolve(waited);
    };
    const aborted = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal.addEventListener("abort", aborted, { once: true });
  });
}
