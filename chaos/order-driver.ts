import { setTimeout as sleep } from "node:timers/promises";
import type { MessageInitShape } from "@bufbuild/protobuf";
import { Code } from "@connectrpc/connect";
import { LedgerReason } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import type { PlaceOrderRequestSchema } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import type { Waybill } from "@waybill/sdk";
import { createWaybill } from "@waybill/sdk/node";
import { orderIdFor } from "../services/orders/domain/order-id.js";
import { placeOrderScope } from "../services/orders/operations/place-order.js";
import type { Random } from "./random.js";
import { type Attempt, type CallLog, type CallResult, callWithRetries } from "./retrying-call.js";
import { type ChaosSeed, chaosBrand, chaosPromoCode } from "./seed.js";

/** How a request with retries ended, from the client's side. */
export type Outcome = "pending" | "acknowledged" | "refused" | "aborted" | "unanswered";

/** One order the driver placed: its key, its request, and what it was answered. */
export interface PlacementRecord {
  readonly key: string;
  /** The order id Orders derives from the caller and the key. */
  readonly orderId: string;
  readonly request: MessageInitShape<typeof PlaceOrderRequestSchema>;
  readonly lines: readonly { readonly sku: string; readonly quantity: number }[];
  readonly promoCode: string;
  outcome: Outcome;
  /** For an acknowledged order: the id and total answered. */
  answered?: { readonly orderId: string; readonly totalMinor: bigint };
  /** For a refusal: the code and message. */
  refusal?: { readonly code: string; readonly message: string };
  attempts: readonly Attempt[];
  cancel?: CancelRecord;
}

/** A cancellation of an acknowledged order. */
export interface CancelRecord {
  readonly key: string;
  outcome: Outcome;
  refusal?: { readonly code: string; readonly message: string };
  attempts: readonly Attempt[];
}

/** A restock (AdjustStock RESTOCK) the driver sent. */
export interface RestockRecord {
  readonly key: string;
  readonly sku: string;
  readonly delta: number;
  outcome: Outcome;
  attempts: readonly Attempt[];
}

/** Counts of the driver so far, for the progress line and the table. */
export interface DriverStats {
  readonly placements: Readonly<Record<Outcome, number>>;
  readonly restocks: Readonly<Record<Outcome, number>>;
  readonly cancels: Readonly<Record<Outcome, number>>;
  readonly attempts: number;
  /** Arrivals dropped because too many requests were open (the load outran the system). */
  readonly skipped: number;
}

/** Places orders, restocks and cancels with retries while faults happen. */
export interface OrderDriver {
  /** Starts the arrivals (open loop) and the restocks. */
  start(): void;
  /** Stops new arrivals and waits until every open request has ended (each gives up after `giveUpMs`). */
  stop(): Promise<void>;
  stats(): DriverStats;
  readonly placements: readonly PlacementRecord[];
  readonly restocks: readonly RestockRecord[];
  /** Errors of the driver itself (not answers of Waybill): a bug of the harness. */
  readonly failures: readonly string[];
  /** An SDK client of a replica as the driver (admin), for the checks. */
  client(replica: number): Waybill;
  /** The policy the driver retries with, for the replay probe. */
  retry<T>(what: string, call: (client: Waybill, timeoutMs: number) => Promise<T>): Promise<CallResult<T>>;
}

/** What {@link createOrderDriver} needs. */
export interface OrderDriverOptions {
  readonly replicaUrl: (replica: number) => string;
  readonly replicas: number;
  /** Bearer token of the driver (admin, subject {@link driverSubject}). */
  readonly token: string;
  readonly seed: ChaosSeed;
  readonly ratePerSecond: number;
  readonly supplyRatio: number;
  readonly cancelRatio: number;
  readonly clientTimeoutMs: number;
  readonly giveUpMs: number;
  /** The choices of each order (lines, customer, promo code, cancellation), in arrival order. */
  readonly random: Random;
  /** The choices of each restock, apart, so that `--seed` repeats both whatever their interleaving. */
  readonly restockRandom: Random;
  readonly clock: () => number;
  readonly log: CallLog;
  /** Prefix of every idempotency key, so keys of different runs never meet. */
  readonly keyPrefix: string;
  /**
   * The client of a replica when the services answer at different addresses (a cluster: orders
   * and inventory of replica n); default: the SDK on `replicaUrl(n)` for every service.
   */
  readonly clientOf?: (replica: number) => Waybill;
}

/** The subject of the driver's token: PlaceOrder scopes keys by role and subject. */
export const driverSubject = "chaos-driver";

/** Most requests open at once; arrivals beyond it are skipped and counted. */
const maxOpen = 600;
/** Mean units per order (1.3 lines of 1 to 3 units) and per restock (2 to 8), for the supply rate. */
const meanOrderUnits = 2.6;
const meanRestock = 5;

const emptyCounts = (): Record<Outcome, number> => ({
  pending: 0,
  acknowledged: 0,
  refused: 0,
  aborted: 0,
  unanswered: 0,
});

/**
 * Creates the driver: each order uses one idempotency key for all its attempts and retries it on
 * the next replica on UNAVAILABLE, DEADLINE_EXCEEDED (the client timeout) and the like, until an
 * answer or `giveUpMs`; restocks keep supply at `supplyRatio` of demand so SKUs sell out and come
 * back; a share of acknowledged orders is cancelled again.
 */
export function createOrderDriver(options: OrderDriverOptions): OrderDriver {
  const { random } = options;
  const placements: PlacementRecord[] = [];
  const restocks: RestockRecord[] = [];
  const open = new Set<Promise<void>>();
  const clients = new Map<string, Waybill>();
  let running = false;
  let loops: Promise<void>[] = [];
  const failures: string[] = [];
  let skipped = 0;
  let attempts = 0;
  let next = 0;
  const scope = placeOrderScope({ role: "admin", subject: driverSubject });

  const client = (replica: number): Waybill => {
    if (options.clientOf) return options.clientOf(replica);
    const url = options.replicaUrl(replica);
    let found = clients.get(url);
    if (!found) {
      found = createWaybill({ baseUrl: url, token: options.token });
      clients.set(url, found);
    }
    return found;
  };

  const retry = async <T>(what: string, call: (client: Waybill, timeoutMs: number) => Promise<T>) => {
    const result = await callWithRetries(
      {
        replicas: options.replicas,
        // Not from the seeded choices: retries happen in an order only timing decides.
        firstReplica: 1 + Math.floor(Math.random() * options.replicas),
        timeoutMs: options.clientTimeoutMs,
        giveUpMs: options.giveUpMs,
        clock: options.clock,
        log: options.log,
        what,
      },
      (replica, timeoutMs) => call(client(replica), timeoutMs),
    );
    attempts += result.attempts.length;
    return result;
  };

  const track = (work: Promise<void>) => {
    open.add(work);
    void work.finally(() => open.delete(work));
  };

  const cancel = async (placement: PlacementRecord, orderId: string) => {
    const record: CancelRecord = { key: `${placement.key}-cancel`, outcome: "pending", attempts: [] };
    placement.cancel = record;
    const result = await retry(`CancelOrder ${orderId} key ${record.key}`, (c, timeoutMs) =>
      c.orders.cancelOrder({ orderId, reason: "chaos", idempotencyKey: record.key }, { timeoutMs }),
    );
    record.attempts = result.attempts;
    record.outcome = result.kind === "ok" ? "acknowledged" : result.kind;
    if (result.kind === "refused") record.refusal = { code: Code[result.error.code], message: result.error.rawMessage };
  };

  const place = async (n: number) => {
    const lineCount = random.chance(0.3) && options.seed.skus.length > 1 ? 2 : 1;
    const skus: string[] = [];
    while (skus.length < lineCount) {
      const sku = random.pick(options.seed.skus);
      if (!skus.includes(sku)) skus.push(sku);
    }
    const lines = skus.map((sku) => ({ sku, quantity: random.between(1, 3) }));
    const promoCode = random.chance(0.3) ? chaosPromoCode : "";
    const key = `${options.keyPrefix}-order-${n}`;
    const request: MessageInitShape<typeof PlaceOrderRequestSchema> = {
      customerId: random.pick(options.seed.customerIds),
      brandId: chaosBrand,
      lines: lines.map((line) => ({ sku: line.sku, quantity: BigInt(line.quantity) })),
      deliveryZone: "chaos-zone",
      deliveryAddress: {
        recipientName: "Chaos Customer",
        line1: "1 Fault Line",
        city: "Berlin",
        postalCode: "10115",
        countryCode: "DE",
      },
      promoCode,
      idempotencyKey: key,
    };
    const willCancel = random.chance(options.cancelRatio);
    const cancelAfterMs = random.between(0, 1_000);
    const record: PlacementRecord = {
      key,
      orderId: orderIdFor(scope, key),
      request,
      lines,
      promoCode,
      outcome: "pending",
      attempts: [],
    };
    placements.push(record);
    const result = await retry(`PlaceOrder key ${key}`, (c, timeoutMs) => c.orders.placeOrder(request, { timeoutMs }));
    record.attempts = result.attempts;
    if (result.kind === "ok") {
      record.outcome = "acknowledged";
      const order = result.value.order;
      record.answered = { orderId: order?.orderId ?? "", totalMinor: order?.total?.minorUnits ?? 0n };
      if (willCancel && order) {
        await sleep(cancelAfterMs);
        await cancel(record, order.orderId);
      }
    } else if (result.kind === "refused") {
      record.outcome = result.error.code === Code.Aborted ? "aborted" : "refused";
      record.refusal = { code: Code[result.error.code], message: result.error.rawMessage };
    } else {
      record.outcome = "unanswered";
    }
  };

  const restock = async (n: number) => {
    const record: RestockRecord = {
      key: `${options.keyPrefix}-restock-${n}`,
      sku: options.restockRandom.pick(options.seed.skus),
      delta: options.restockRandom.between(2, 8),
      outcome: "pending",
      attempts: [],
    };
    restocks.push(record);
    const result = await retry(`AdjustStock key ${record.key}`, (c, timeoutMs) =>
      c.inventory.adjustStock(
        {
          brandId: chaosBrand,
          sku: record.sku,
          delta: BigInt(record.delta),
          reason: LedgerReason.RESTOCK,
          idempotencyKey: record.key,
        },
        { timeoutMs },
      ),
    );
    record.attempts = result.attempts;
    record.outcome = result.kind === "ok" ? "acknowledged" : result.kind;
  };

  /** Calls `work(n)` `perSecond` times a second (without waiting for it) until stopped. */
  const every = async (perSecond: number, work: (n: number) => Promise<void>) => {
    const interval = 1_000 / perSecond;
    const started = performance.now();
    for (let n = 0; running; n++) {
      const due = started + n * interval;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      if (!running) return;
      if (open.size >= maxOpen) {
        skipped++;
        continue;
      }
      track(
        work(n).catch((error: unknown) => {
          failures.push(String(error instanceof Error ? error.stack : error));
        }),
      );
    }
  };

  const count = (outcomes: readonly { outcome: Outcome }[]) => {
    const counts = emptyCounts();
    for (const item of outcomes) counts[item.outcome]++;
    return counts;
  };

  return {
    placements,
    restocks,
    failures,
    client,
    retry,
    start() {
      running = true;
      const restockRate = (options.supplyRatio * options.ratePerSecond * meanOrderUnits) / meanRestock;
      loops = [every(options.ratePerSecond, () => place(next++)), every(restockRate, (n) => restock(n))];
    },
    async stop() {
      running = false;
      await Promise.all(loops);
      while (open.size > 0) await Promise.all([...open]);
    },
    stats: () => ({
      placements: count(placements),
      restocks: count(restocks),
      cancels: count(placements.flatMap((p) => (p.cancel ? [p.cancel] : []))),
      attempts,
      skipped,
    }),
  };
}
