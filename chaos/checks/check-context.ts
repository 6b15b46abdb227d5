import type { JetStreamManager } from "@nats-io/jetstream";
import type { Waybill } from "@waybill/sdk";
import type { ChaosDatabase } from "../chaos-database.js";
import type { FaultRecord } from "../faults.js";
import type { OrderDriver } from "../order-driver.js";
import type { ReplicaSet } from "../replica-set.js";
import type { CallLog } from "../retrying-call.js";
import type { ChaosSeed } from "../seed.js";
import type { Settling } from "../settle.js";
import type { SlowSmtpSink } from "../slow-smtp-sink.js";

/** Everything the checks look at once the run has settled. */
export interface CheckContext {
  readonly db: ChaosDatabase;
  readonly jsm: JetStreamManager;
  /** The event prefix of the run's streams. */
  readonly prefix: string;
  readonly driver: OrderDriver;
  readonly replicas: ReplicaSet;
  readonly smtp: SlowSmtpSink;
  /** An admin client of a running replica. */
  readonly admin: Waybill;
  readonly seed: ChaosSeed;
  readonly calls: CallLog;
  readonly settling: Settling;
  readonly faults: readonly FaultRecord[];
  /** Folder of the run's logs, where `replica-<n>.log` holds every incarnation of replica n. */
  readonly logDir: string;
  readonly orphanTimeoutMs: number;
  readonly replayLimit: number;
}
