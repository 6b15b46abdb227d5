import { create, type DescMessage, type MessageInitShape } from "@bufbuild/protobuf";
import { Code, type ConnectError } from "@connectrpc/connect";
import { type StockLevel, StockShortageSchema } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import type { Waybill } from "@waybill/sdk";
import type { NodeWaybillOptions } from "@waybill/sdk/node";
import { inventoryService } from "../../services/inventory/index.js";
import type { ServiceDefinition } from "../../services/kit/app/index.js";
import { type OrdersServiceOptions, ordersServiceWith } from "../../services/orders/index.js";
import { createEventPublisher, stockedItem } from "../support/index.js";
import { accessOf, startTestWaybill, type WaybillAccess } from "../support/test-waybill.js";

/** Waybill with Inventory and Orders (and more) for one test file. */
export interface OrdersHarness extends WaybillAccess {
  readonly admin: Waybill;
  /** A client of a brand (its own tenant). */
  brand(brandId: string, protocol?: NodeWaybillOptions["protocol"]): Promise<Waybill>;
  /** Creates a customer (as admin) and returns its id and a client authenticated as that customer. */
  customer(protocol?: NodeWaybillOptions["protocol"]): Promise<{ readonly id: string; readonly client: Waybill }>;
  /** Creates an item (threshold 0) unless it exists, and restocks it with `onHand` more units. */
  stock(brandId: string, sku: string, onHand: number, priceMinor?: number, currencyCode?: string): Promise<void>;
  /** The item's level at Inventory. */
  level(brandId: string, sku: string): Promise<StockLevel>;
  /**
   * Publishes a Fleet event as Fleet would (an envelope on the fleet stream); returns the envelope
   * id. `envelopeId` re-sends an earlier event under a new message id, as a redelivery would.
   */
  publishFleet<Desc extends DescMessage>(
    schema: Desc,
    payload: MessageInitShape<Desc>,
    options?: { readonly envelopeId?: string },
  ): Promise<string>;
  stop(): Promise<void>;
}

/** Starts Waybill with Inventory and Orders (with optional test hooks and environment). */
export async function startOrdersHarness(
  options: {
    readonly orders?: OrdersServiceOptions;
    readonly env?: Readonly<Record<string, string>>;
    /** More services to run beside Inventory and Orders (Fleet, for delivery journeys). */
    readonly with?: readonly ServiceDefinition[];
    /** The services' clock (default: the system clock). */
    readonly now?: () => Date;
  } = {},
): Promise<OrdersHarness> {
  const definitions = [inventoryService, ordersServiceWith(options.orders ?? {}), ...(options.with ?? [])];
  const waybill = await startTestWaybill({
    definitions,
    ...(options.env ? { env: options.env } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const publisher = await createEventPublisher(waybill.env);
  const admin = await waybill.as("admin");
  let customers = 0;
  return {
    ...accessOf(waybill),
    admin,
    brand: (brandId, protocol) => waybill.as("brand", brandId, protocol),
    async customer(protocol) {
      const id = crypto.randomUUID();
      const n = ++customers;
      await admin.orders.createCustomer({
        customerId: id,
        name: `Customer ${n}`,
        email: `customer-${n}-${id.slice(0, 8)}@example.com`,
        idempotencyKey: `customer-${id}`,
      });
      return { id, client: await waybill.asCustomer(id, protocol) };
    },
    async stock(brandId, sku, onHand, priceMinor = 500, currencyCode = "EUR") {
      await stockedItem(admin, brandId, sku, onHand, { price: BigInt(priceMinor), currencyCode });
    },
    async level(brandId, sku) {
      const stock = (await admin.inventory.getItem({ brandId, sku })).item?.stock;
      if (!stock) throw new Error(`no stock level for ${brandId} ${sku}`);
      return stock;
    },
    publishFleet: (schema, payload, publishOptions = {}) =>
      publisher.publish("fleet", schema, create(schema, payload), {
        tenant: "",
        aggregateId: "fleet-test",
        ...(publishOptions.envelopeId ? { id: publishOptions.envelopeId } : {}),
      }),
    async stop() {
      await publisher.close();
      await waybill.stop();
    },
  };
}

/** The SKUs a FAILED_PRECONDITION names in its StockShortage detail. */
export function shortageOf(error: ConnectError) {
  if (error.code !== Code.FailedPrecondition) return undefined;
  return error.findDetails(StockShortageSchema)[0];
}
