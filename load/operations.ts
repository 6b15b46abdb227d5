import { LedgerReason } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import type { Waybill } from "@waybill/sdk";
import type { OperationKind } from "./operation-mix.js";
import type { OrderPool } from "./order-pool.js";
import type { Workload } from "./workload.js";

/** The RPCs the load calls, by the kind of operation they belong to. */
export const rpcsOf = {
  orders: ["PlaceOrder"],
  stock: ["AdjustStock"],
  status: ["UpdateOrderStatus"],
  reads: ["GetItem", "ListOrders", "GetOrder"],
} as const satisfies Readonly<Record<OperationKind, readonly string[]>>;

/** One of the RPCs in {@link rpcsOf}. */
export type RpcName = (typeof rpcsOf)[OperationKind][number];

/** One operation, chosen and ready to call. */
export interface PlannedCall {
  readonly kind: OperationKind;
  readonly rpc: RpcName;
  /** Makes the call; rejects with the call's error. */
  run(): Promise<void>;
}

/** What the operations need. */
export interface OperationsDeps {
  readonly client: Waybill;
  readonly workload: Workload;
  readonly pool: OrderPool;
  /** Prefix of this run's idempotency keys, so runs never replay each other. */
  readonly keyPrefix: string;
  /** Delivery zone of the orders. */
  readonly zone: string;
  readonly timeoutMs: number;
  /** A whole number in [0, length): the random choices (SKUs, customers, quantities). */
  readonly pick: (length: number) => number;
}

const address = {
  recipientName: "Load Test",
  line1: "1 Load Street",
  city: "Loadville",
  postalCode: "1000",
  countryCode: "NL",
};

/**
 * Plans operation `index` of kind `kind`: PlaceOrder of one to three distinct SKUs (one or two
 * units each) for a random customer; AdjustStock restocking one to five units of a random SKU;
 * UpdateOrderStatus moving the oldest waiting order of this run one kitchen step (undefined, a
 * skip, while none waits); the reads in turn — GetItem, ListOrders (latest 20 of the brand),
 * GetOrder of an order of this run (GetItem until there is one).
 */
export function createOperations(
  deps: OperationsDeps,
): (kind: OperationKind, index: number) => PlannedCall | undefined {
  const { client, workload, pool, pick } = deps;
  const { brandId, skus, customerIds } = workload;
  const call = { timeoutMs: deps.timeoutMs };
  const key = (what: string, index: number) => `${deps.keyPrefix}-${what}-${index}`;
  const anySku = () => skus[pick(skus.length)] ?? "";
  let reads = 0;

  const getItem = (): PlannedCall => ({
    kind: "reads",
    rpc: "GetItem",
    run: async () => void (await client.inventory.getItem({ brandId, sku: anySku() }, call)),
  });

  const plans: Readonly<Record<OperationKind, (index: number) => PlannedCall | undefined>> = {
    orders: (index) => ({
      kind: "orders",
      rpc: "PlaceOrder",
      async run() {
        const chosen = new Set<string>();
        const lines = 1 + pick(Math.min(3, skus.length));
        while (chosen.size < lines) chosen.add(anySku());
        const { order } = await client.orders.placeOrder(
          {
            customerId: customerIds[pick(customerIds.length)] ?? "",
            brandId,
            lines: [...chosen].map((sku) => ({ sku, quantity: BigInt(1 + pick(2)) })),
            deliveryZone: deps.zone,
            deliveryAddress: address,
            idempotencyKey: key("order", index),
          },
          call,
        );
        if (order) pool.placed(order.orderId);
      },
    }),
    stock: (index) => ({
      kind: "stock",
      rpc: "AdjustStock",
      run: async () =>
        void (await client.inventory.adjustStock(
          {
            brandId,
            sku: anySku(),
            delta: BigInt(1 + pick(5)),
            reason: LedgerReason.RESTOCK,
            reference: "waybill load",
            idempotencyKey: key("stock", index),
          },
          call,
        )),
    }),
    status: (index) => {
      const move = pool.claimMove();
      if (!move) return undefined;
      return {
        kind: "status",
        rpc: "UpdateOrderStatus",
        async run() {
          try {
            const request = { orderId: move.orderId, status: move.to, reason: "waybill load" };
            await client.orders.updateOrderStatus({ ...request, idempotencyKey: key("status", index) }, call);
          } catch (error) {
            pool.dropped(move);
            throw error;
          }
          pool.moved(move);
        },
      };
    },
    reads: () => {
      const turn = reads++ % 3;
      const orderId = turn === 2 ? pool.anyOrderId(pick) : undefined;
      if (turn === 1) {
        return {
          kind: "reads",
          rpc: "ListOrders",
          run: async () => void (await client.orders.listOrders({ brandId, page: { pageSize: 20 } }, call)),
        };
      }
      if (orderId === undefined) return getItem();
      return {
        kind: "reads",
        rpc: "GetOrder",
        run: async () => void (await client.orders.getOrder({ orderId }, call)),
      };
    },
  };
  return (kind, index) => plans[kind](index);
}
