import type { ServerResponse } from "node:http";
import type { NatsConnection } from "@nats-io/transport-node";
import { type Kysely, sql } from "kysely";
import type { Logger } from "pino";
import type { HealthRegistry } from "../server/health-service.js";
import type { DualHandler } from "../server/one-port-listener.js";
import { createReadinessProbe, type ReadinessProbe } from "../server/readiness-probe.js";

/** The paths answered by {@link withProbes}. */
export const probePaths = { live: "/healthz", ready: "/readyz" } as const;

/** What the readiness probe looks at. */
export interface ProbeDependencies {
  /** Health's registry: `starting` until the workers run, `stopping` once shutdown begins. */
  readonly health: Pick<HealthRegistry, "phase">;
  /** A handle of its own (one connection): a probe never queues behind a busy application pool. */
  readonly database: Kysely<unknown>;
  readonly nats: NatsConnection;
  /** Where a failed check's reason goes (the answer only says `unavailable` or `timeout`). */
  readonly logger: Logger;
}

/**
 * The readiness probe over Waybill's dependencies: the process is serving (consumers, relays and
 * workers started, not shutting down), PostgreSQL answers `select 1` and NATS answers a ping
 * (`rtt` fails at once while the client is disconnected).
 */
export function createWaybillReadinessProbe(dependencies: ProbeDependencies): ReadinessProbe {
  return createReadinessProbe({
    phase: () => dependencies.health.phase(),
    checks: {
      database: () => sql`select 1`.execute(dependencies.database),
      nats: () => dependencies.nats.rtt(),
    },
    onFailure: (check, error) => dependencies.logger.warn({ err: error, check }, "readiness check failed"),
  });
}

/**
 * Answers the HTTP probes in front of `handler`, before CORS, the token check and the rate limit
 * (a load balancer or the kubelet has no token, and shares its address with others): `GET` or
 * `HEAD` `/healthz` is 200 while the process runs its event loop; `/readyz` is 200 when `probe`
 * says ready and 503 otherwise, with a small JSON body naming each check's outcome. Any other path
 * goes to `handler` unchanged.
 *
 * @example
 * const served = withProbes(withCors(routes, origins), createWaybillReadinessProbe({ health, database, nats }));
 */
export function withProbes(handler: DualHandler, probe: ReadinessProbe): DualHandler {
  return (req, res) => {
    const path = (req.url ?? "").split("?")[0];
    if (path !== probePaths.live && path !== probePaths.ready) return handler(req, res);
    // The compatibility API of HTTP/2 offers the same calls as HTTP/1.1's.
    const out = res as ServerResponse;
    if (req.method !== "GET" && req.method !== "HEAD") {
      req.resume();
      return answer(out, 405, { status: "method not allowed" }, req.method, { allow: "GET, HEAD" });
    }
    // Answered once the request has been read (a probe has no body): the state is the one at
    // the end of the request, and the connection is left ready for the next probe.
    const respond = () => {
      if (path === probePaths.live) return answer(out, 200, { status: "live" }, req.method);
      probe.check().then(
        (report) =>
          answer(
            out,
            report.ready ? 200 : 503,
            { status: report.ready ? "ready" : "not ready", checks: report.checks },
            req.method,
          ),
        () => answer(out, 503, { status: "not ready" }, req.method),
      );
    };
    if (req.readableEnded) return respond();
    req.once("end", respond);
    req.resume();
  };
}

function answer(
  res: ServerResponse,
  status: number,
  body: Readonly<Record<string, unknown>>,
  method: string | undefined,
  headers: Readonly<Record<string, string>> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  const json = `${JSON.stringify(body)}\n`;
  res.writeHead(status, {
    ...headers,
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(json)),
    "cache-control": "no-store",
  });
  res.end(method === "HEAD" ? undefined : json);
}
