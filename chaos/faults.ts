import { setTimeout as sleep } from "node:timers/promises";
import type { PrivateNats } from "../test/support/private-nats.js";
import type { PrivatePostgres } from "../test/support/private-postgres.js";
import type { ChaosOptions, FaultName } from "./chaos-options.js";
import type { ReplicaSet } from "./replica-set.js";

/** What the faults act on. */
export interface FaultTargets {
  readonly replicas: ReplicaSet;
  readonly postgres: PrivatePostgres;
  readonly nats: PrivateNats;
  /** The database Waybill uses (whose backends are terminated). */
  readonly database: string;
  readonly options: ChaosOptions;
}

/** One injected fault: when, on what, how long it took, and what it found. */
export interface FaultRecord {
  readonly name: FaultName;
  /** Seconds since the run began, when it started. */
  readonly atSeconds: number;
  readonly seconds: number;
  /** e.g. "replica 2, down 2.9 s" or "41 backends". */
  readonly detail: string;
  /** Set when the fault itself could not be carried out. */
  readonly error?: string;
}

/** How the table names each fault. */
export function faultLabel(name: FaultName, options: ChaosOptions): string {
  const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
  switch (name) {
    case "kill-replica":
      return "kill -9 of a replica, then restart";
    case "freeze-replica":
      return `SIGSTOP of a replica ${seconds(options.freezeReplicaMs)} (client timeout ${seconds(options.clientTimeoutMs)})`;
    case "restart-postgres":
      return "PostgreSQL restart (pg_ctl restart -m fast)";
    case "terminate-backends":
      return "pg_terminate_backend of every Waybill backend";
    case "kill-nats":
      return "kill -9 of NATS, then restart (same port and store)";
    case "freeze-nats":
      return `SIGSTOP of NATS ${seconds(options.freezeNatsMs)}`;
    case "replicas-down":
      return `every replica killed for ${seconds(options.outageMs)}`;
  }
}

/**
 * Injects one fault and waits until it is over (the replica or server is back, or thawed); the
 * `round` picks the replica, so successive faults go round the replicas.
 */
export async function injectFault(
  name: FaultName,
  targets: FaultTargets,
  round: number,
  clock: () => number,
): Promise<FaultRecord> {
  const atSeconds = clock();
  const started = performance.now();
  const replica = (round % targets.replicas.size) + 1;
  const took = () => Math.round((performance.now() - started) / 100) / 10;
  try {
    const detail = await carryOut(name, targets, replica);
    return { name, atSeconds, seconds: took(), detail };
  } catch (error) {
    return {
      name,
      atSeconds,
      seconds: took(),
      detail: "",
      error: String(error instanceof Error ? error.message : error),
    };
  }
}

async function carryOut(name: FaultName, targets: FaultTargets, replica: number): Promise<string> {
  const { replicas, postgres, nats, options } = targets;
  const started = performance.now();
  const since = () => `${Math.round((performance.now() - started) / 100) / 10} s`;
  switch (name) {
    case "kill-replica": {
      await replicas.kill(replica);
      await sleep(1_000);
      await replicas.restart(replica);
      return `replica ${replica}, back after ${since()}`;
    }
    case "freeze-replica": {
      replicas.signal(replica, "SIGSTOP");
      try {
        await sleep(options.freezeReplicaMs);
      } finally {
        replicas.signal(replica, "SIGCONT");
      }
      return `replica ${replica}`;
    }
    case "restart-postgres": {
      await postgres.restart();
      return `accepting again after ${since()}`;
    }
    case "terminate-backends": {
      const terminated = await postgres.terminateBackends(targets.database);
      return `${terminated} backends`;
    }
    case "kill-nats": {
      await nats.kill("SIGKILL");
      await sleep(1_000);
      await nats.start();
      return `ready again after ${since()}`;
    }
    case "freeze-nats": {
      nats.signal("SIGSTOP");
      try {
        await sleep(options.freezeNatsMs);
      } finally {
        nats.signal("SIGCONT");
      }
      return "";
    }
    case "replicas-down": {
      const all = Array.from({ length: replicas.size }, (_, i) => i + 1);
      await Promise.all(all.map((r) => replicas.kill(r)));
      await sleep(options.outageMs);
      await Promise.all(all.map((r) => replicas.restart(r)));
      return `all ${all.length} back after ${since()}`;
    }
  }
}
