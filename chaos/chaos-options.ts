/**
 * The faults the suite can inject, in the order a run cycles through them: a killed replica first
 * (the events it held come back after the ack wait, while the load still runs), the database last
 * (a frozen replica's late work must get the time to show before anything else may kill it).
 */
export const faultNames = [
  "kill-replica",
  "freeze-replica",
  "kill-nats",
  "freeze-nats",
  "terminate-backends",
  "restart-postgres",
  "replicas-down",
] as const;

/** One kind of fault (see `faults.ts` for what each does). */
export type FaultName = (typeof faultNames)[number];

/** The faults a run injects unless told otherwise (`replicas-down` takes minutes: only on request). */
export const defaultFaults: readonly FaultName[] = faultNames.filter((name) => name !== "replicas-down");

/** Everything a chaos run can be told. */
export interface ChaosOptions {
  /** How long orders are placed, in milliseconds (longer if the faults need it). */
  readonly durationMs: number;
  /** Orders placed per second (open loop: a slow answer does not slow the arrivals). */
  readonly ratePerSecond: number;
  /** Waybill processes, each running every service on the same database and event prefix. */
  readonly replicas: number;
  /** Faults to inject, cycled through until the load ends. */
  readonly faults: readonly FaultName[];
  /** Time between the starts of two faults, in milliseconds. */
  readonly faultEveryMs: number;
  /** How long a client waits for one attempt before it retries elsewhere. */
  readonly clientTimeoutMs: number;
  /** How long a replica stays frozen (SIGSTOP); longer than the client timeout. */
  readonly freezeReplicaMs: number;
  /** How long NATS stays frozen. */
  readonly freezeNatsMs: number;
  /** How long every replica stays down in `replicas-down` (longer than the streams' duplicate window). */
  readonly outageMs: number;
  /** How long a client keeps retrying one request (same idempotency key) before it gives up. */
  readonly giveUpMs: number;
  /** SKUs the orders draw from, each with little stock, so shortages happen. */
  readonly skus: number;
  /** Units of each SKU at the start. */
  readonly initialStock: number;
  /** Share of the ordered units that restocks bring back (0.6: supply is 60 % of demand). */
  readonly supplyRatio: number;
  /** Share of acknowledged orders that are cancelled again. */
  readonly cancelRatio: number;
  /** How long the SMTP server takes to accept each message (widens the window of a crash mid-send). */
  readonly smtpDelayMs: number;
  /** Longest wait for the system to settle after the load (outboxes, consumers, emails). */
  readonly settleTimeoutMs: number;
  /** Longest wait for holds whose order was never recorded to be released. */
  readonly orphanTimeoutMs: number;
  /** Refused keys replayed at the end (each must be refused again); acknowledged keys sampled as many. */
  readonly replayLimit: number;
  /** Seed of every random choice of the driver and the fault schedule. */
  readonly seed: number;
  /** Log level of the replicas (their logs are kept for a post-mortem). */
  readonly logLevel: string;
  /** Keep the run's folder of logs even when every check passed. */
  readonly keepLogs: boolean;
}

/** `npm run chaos` without options: three minutes at 10 orders a second, every fault twice or more. */
export const fullChaos: ChaosOptions = {
  durationMs: 180_000,
  ratePerSecond: 10,
  replicas: 2,
  faults: defaultFaults,
  faultEveryMs: 12_000,
  clientTimeoutMs: 5_000,
  freezeReplicaMs: 12_000,
  freezeNatsMs: 8_000,
  outageMs: 150_000,
  giveUpMs: 60_000,
  skus: 6,
  initialStock: 10,
  supplyRatio: 0.6,
  cancelRatio: 0.1,
  smtpDelayMs: 200,
  settleTimeoutMs: 240_000,
  orphanTimeoutMs: 60_000,
  replayLimit: 300,
  seed: 1,
  logLevel: "info",
  keepLogs: false,
};

/** The short run inside `npm test`: every default fault once in about 30 s of load. */
export const slimChaos: ChaosOptions = {
  ...fullChaos,
  durationMs: 30_000,
  ratePerSecond: 6,
  faultEveryMs: 5_000,
  clientTimeoutMs: 3_000,
  freezeReplicaMs: 6_500,
  freezeNatsMs: 4_000,
  giveUpMs: 15_000,
  skus: 4,
  initialStock: 6,
  smtpDelayMs: 50,
  settleTimeoutMs: 60_000,
  orphanTimeoutMs: 15_000,
  replayLimit: 50,
};
