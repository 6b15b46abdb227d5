import { appendFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { createClient } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { Health, HealthCheckResponse_ServingStatus as Serving } from "@waybill/contracts/grpc/health/v1/health_pb.js";
import type { IsolatedEnvironment } from "../test/support/isolated-environment.js";
import { spawnWaybill, type WaybillExit, type WaybillProcess } from "../test/support/waybill-process.js";
import { crashSummary } from "./crash-summary.js";

/** A replica that ended without being told to: the evidence of a crash. */
export interface UnexpectedExit {
  /** 1-based replica number. */
  readonly replica: number;
  readonly incarnation: number;
  /** Seconds since the run began. */
  readonly atSeconds: number;
  readonly exit: WaybillExit;
  /** The lines of its output that say why (an unhandled error, its SQLSTATE). */
  readonly summary: string;
}

/** Two or more Waybill processes on one database and event prefix, each running every service. */
export interface ReplicaSet {
  readonly size: number;
  /** The replica's current address (its last one while it is down). */
  url(replica: number): string;
  /** Kills the replica with SIGKILL and waits until it has exited (no restart until `restart`). */
  kill(replica: number): Promise<void>;
  /** Starts a killed replica again, retrying until it starts (the database may be down). */
  restart(replica: number): Promise<void>;
  /** Sends a signal to the replica's process without waiting (SIGSTOP, SIGCONT). */
  signal(replica: number, signal: NodeJS.Signals): void;
  /** Replicas that exited without being told to, in order (each is restarted at once). */
  unexpectedExits(): readonly UnexpectedExit[];
  /** Per replica: running, and answering health checks with SERVING. */
  health(): Promise<readonly { readonly replica: number; readonly running: boolean; readonly serving: string }[]>;
  /** Kills every replica and stops restarting them. */
  close(): Promise<void>;
}

/** What {@link startReplicaSet} needs. */
export interface ReplicaSetOptions {
  readonly size: number;
  readonly env: IsolatedEnvironment;
  readonly variables: Readonly<Record<string, string>>;
  /** Folder of the replicas' logs (`replica-<n>.log`, every incarnation appended). */
  readonly logDir: string;
  /** Seconds since the run began. */
  readonly clock: () => number;
  /** Told of every crash and restart, for the run's timeline. */
  readonly onEvent: (line: string) => void;
  /** Variables of one replica over `variables` (a cluster runs a different service in each). */
  readonly variablesOf?: (replica: number) => Readonly<Record<string, string>>;
  /** The port of a replica, kept across restarts so that its peers keep reaching it (default: any free one). */
  readonly portOf?: (replica: number) => number;
  /** How the timeline and the log file (`<name>.log`, spaces as dashes) name a replica (default `replica <n>`). */
  readonly nameOf?: (replica: number) => string;
}

interface Slot {
  current: WaybillProcess | undefined;
  url: string;
  incarnation: number;
  /** Set while the harness itself stops the process. */
  expectingExit: boolean;
  restarting: Promise<void> | undefined;
}

/**
 * Starts the replicas side by side and watches them: a replica that dies unasked is recorded with the reason from its
 * output and started again, so the run goes on and the table says what happened.
 */
export async function startReplicaSet(options: ReplicaSetOptions): Promise<ReplicaSet> {
  const slots: Slot[] = Array.from({ length: options.size }, () => ({
    current: undefined,
    url: "",
    incarnation: 0,
    expectingExit: false,
    restarting: undefined,
  }));
  const exits: UnexpectedExit[] = [];
  let closed = false;
  const nameOf = options.nameOf ?? ((replica: number) => `replica ${replica}`);
  const logFile = (replica: number) => join(options.logDir, `${nameOf(replica).replaceAll(" ", "-")}.log`);

  const slot = (replica: number): Slot => {
    const found = slots[replica - 1];
    if (!found) throw new Error(`no replica ${replica}`);
    return found;
  };

  const spawnOnce = async (replica: number): Promise<void> => {
    const s = slot(replica);
    s.incarnation++;
    await appendFile(
      logFile(replica),
      `\n===== chaos: ${nameOf(replica)}, incarnation ${s.incarnation}, starting at ${options.clock().toFixed(1)} s =====\n`,
    );
    const variables = { ...options.variables, ...options.variablesOf?.(replica) };
    const port = options.portOf?.(replica);
    const started = await spawnWaybill(options.env, variables, [], {
      logFile: logFile(replica),
      ...(port === undefined ? {} : { port }),
    });
    s.current = started;
    s.url = started.url;
    s.expectingExit = false;
    const incarnation = s.incarnation;
    void started.exit.then((exit) => {
      if (s.current !== started) return;
      s.current = undefined;
      if (s.expectingExit || closed) return;
      const summary = crashSummary(started.output());
      exits.push({ replica, incarnation, atSeconds: options.clock(), exit, summary });
      options.onEvent(`${nameOf(replica)} exited unasked (${exit.signal ?? `code ${exit.code}`}): ${summary}`);
      void restart(replica);
    });
  };

  const restart = (replica: number): Promise<void> => {
    const s = slot(replica);
    // Running already: a second process would fail to bind its port again and again.
    if (s.current?.running() && !s.restarting) return Promise.resolve();
    s.restarting ??= (async () => {
      try {
        for (let attempt = 1; !closed; attempt++) {
          try {
            await spawnOnce(replica);
            options.onEvent(`${nameOf(replica)} started (incarnation ${s.incarnation})`);
            return;
          } catch (error) {
            options.onEvent(`${nameOf(replica)} failed to start (attempt ${attempt}): ${crashSummary(String(error))}`);
            await sleep(Math.min(5_000, 500 * attempt));
          }
        }
      } finally {
        s.restarting = undefined;
      }
    })();
    return s.restarting;
  };

  const kill = async (replica: number, signal: NodeJS.Signals = "SIGKILL") => {
    const s = slot(replica);
    await s.restarting;
    const current = s.current;
    if (!current) return;
    s.expectingExit = true;
    current.signal("SIGCONT");
    await current.kill(signal);
  };

  // Side by side: migrations take an advisory lock and streams are created idempotently. A start
  // that loses a race is tried again (twice).
  const firstStart = async (replica: number) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await spawnOnce(replica);
      } catch (error) {
        if (attempt === 3) throw error;
        options.onEvent(`${nameOf(replica)} failed to start (attempt ${attempt}): ${crashSummary(String(error))}`);
      }
    }
  };
  try {
    // Every start settles before any is judged: a replica still starting when another failed
    // would be left running (and recreate the database the caller drops).
    const starts = await Promise.allSettled(slots.map((_, i) => firstStart(i + 1)));
    const failed = starts.find((start) => start.status === "rejected");
    if (failed) throw failed.reason;
  } catch (error) {
    closed = true;
    await Promise.all(slots.map((_, i) => kill(i + 1)));
    throw error;
  }

  return {
    size: options.size,
    url: (replica) => slot(replica).url,
    kill: (replica) => kill(replica),
    restart,
    signal(replica, signal) {
      slot(replica).current?.signal(signal);
    },
    unexpectedExits: () => exits,
    async health() {
      return Promise.all(
        slots.map(async (s, i) => {
          const running = s.current?.running() ?? false;
          let serving = "down";
          if (running) {
            const health = createClient(Health, createConnectTransport({ baseUrl: s.url, httpVersion: "1.1" }));
            serving = await health.check({ service: "" }, { timeoutMs: 5_000 }).then(
              (answer) => Serving[answer.status] ?? String(answer.status),
              (error: unknown) => `no answer (${firstLine(error)})`,
            );
          }
          return { replica: i + 1, running, serving };
        }),
      );
    },
    async close() {
      closed = true;
      await Promise.all(slots.map((s) => s.restarting?.catch(() => undefined)));
      await Promise.all(slots.map((_, i) => kill(i + 1)));
    },
  };
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split("\n")[0] ?? "";
}
