import { create, createRegistry, type DescMessage, type MessageInitShape } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import {
  LedgerReason,
  type StockLevel,
  StockShortageSchema,
} from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import { file_waybill_orders_v1_events } from "@waybill/contracts/waybill/orders/v1/events_pb.js";
import type { PlaceOrderRequest, PlaceOrderRequestSchema } from "@waybill/contracts/waybill/orders/v1/orders_pb.js";
import type { Waybill } from "../../sdk/src/index.js";
import { createWaybill, type NodeWaybillOptions } from "../../sdk/src/node.js";
import { inventoryService } from "../../services/inventory/index.js";
import type { ServiceDefinition } from "../../services/kit/app/index.js";
import {
  buildEnvelope,
  type ConsumedEvent,
  connectNats,
  decodeEvent,
  domainStreamName,
  encodeEnvelope,
  eventSubject,
} from "../../services/kit/events/index.js";
import { type OrdersServiceOptions, ordersServiceWith } from "../../services/orders/index.js";
import { createTestLogger } from "../support/index.js";
import { startTestWaybill, type TestWaybill } from "../support/test-waybill.js";

/** Waybill with Inventory and Orders for one test file. */
export interface OrdersHarness {
  readonly waybill: TestWaybill;
  readonly admin: Waybill;
  /** A client of a brand (its own tenant). */
  brand(brandId: string, protocol?: NodeWaybillOptions["protocol"]): Promise<Waybill>;
  /** Creates a customer (as admin) and returns its id and a client authenticated as that customer. */
  customer(protocol?: NodeWaybillOptions["protocol"]): Promise<{ readonly id: string; readonly client: Waybill }>;
  /** Creates an item with stock on hand. */
  stock(brandId: string, sku: string, onHand: number, priceMinor?: number, currencyCode?: string): Promise<void>;
  /** The item's level at Inventory. */
  level(brandId: string, sku: string): Promise<StockLevel>;
  /** Publishes a Fleet event as Fleet would (an envelope on the fleet stream); returns the envelope id. */
  publishFleet<Desc extends DescMessage>(
    schema: Desc,
    payload: MessageInitShape<Desc>,
    options?: { readonly envelopeId?: string; readonly msgId?: string },
  ): Promise<string>;
  /** Events of the orders stream on one subject (e.g. `CustomerCreated`), oldest first. */
  ordersEvents(name: string): Promise<ConsumedEvent[]>;
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
  const nc = await connectNats({ url: waybill.env.natsUrl, name: "orders-test", logger: createTestLogger() });
  const js = jetstream(nc);
  const jsm = await jetstreamManager(nc);
  const admin = await waybill.as("admin");
  const registry = createRegistry(file_waybill_orders_v1_events);
  const items = new Set<string>();
  let customers = 0;
  return {
    waybill,
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
      const token = await waybill.token("customer", undefined, id);
      return { id, client: createWaybill({ baseUrl: waybill.url, token, ...(protocol ? { protocol } : {}) }) };
    },
    async stock(brandId, sku, onHand, priceMinor = 500, currencyCode = "EUR") {
      const key = `${brandId}/${sku}`;
      if (!items.has(key)) {
        await admin.inventory.createItem({
          brandId,
          sku,
          name: `Item ${sku}`,
          unitPrice: { currencyCode, minorUnits: BigInt(priceMinor) },
          lowStockThreshold: 0n,
          idempotencyKey: `item-${key}`,
        });
        items.add(key);
      }
      if (onHand > 0) {
        await admin.inventory.adjustStock({
          brandId,
          sku,
          delta: BigInt(onHand),
          reason: LedgerReason.RESTOCK,
          idempotencyKey: `restock-${key}-${crypto.randomUUID()}`,
        });
      }
    },
    async level(brandId, sku) {
      const stock = (await admin.inventory.getItem({ brandId, sku })).item?.stock;
      if (!stock) throw new Error(`no stock level for ${brandId} ${sku}`);
      return stock;
    },
    async publishFleet(schema, payload, publishOptions = {}) {
      const message = create(schema, payload);
      const envelope = buildEnvelope({ schema, payload: message, aggregateId: "fleet-test", tenant: "" }, {});
      if (publishOptions.envelopeId) envelope.id = publishOptions.envelopeId;
      await js.publish(eventSubject(waybill.env.prefix, "fleet", schema.name), encodeEnvelope(envelope), {
        msgID: publishOptions.msgId ?? crypto.randomUUID(),
      });
      return envelope.id;
    },
    async ordersEvents(name) {
      const stream = domainStreamName(waybill.env.prefix, "orders");
      const subject = eventSubject(waybill.env.prefix, "orders", name);
      const info = await jsm.streams.info(stream);
      const events: ConsumedEvent[] = [];
      for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
        const message = await jsm.streams.getMessage(stream, { seq }).catch(() => undefined);
        if (message?.subject === subject) events.push(decodeEvent(message.data, message.subject, registry));
      }
      return events;
    },
    async stop() {
      await nc.close();
      await waybill.stop();
    },
  };
}

/** A PlaceOrder request with a test address. */
export function orderRequest(
  customerId: string,
  brandId: string,
  lines: readonly (readonly [sku: string, quantity: number])[],
  idempotencyKey: string,
  extra: Partial<Pick<PlaceOrderRequest, "promoCode" | "deliveryZone">> = {},
): MessageInitShape<typeof PlaceOrderRequestSchema> {
  return {
    customerId,
    brandId,
    lines: lines.map(([sku, quantity]) => ({ sku, quantity: BigInt(quantity) })),
    deliveryZone: extra.deliveryZone ?? "berlin-mitte",
    deliveryAddress: {
      recipientName: "Ada Lovelace",
      line1: "Invalidenstrasse 1",
      city: "Berlin",
      postalCode: "10115",
      countryCode: "DE",
    },
    promoCode: extra.promoCode ?? "",
    idempotencyKey,
  };
}

/** The ConnectError a call fails with (fails the test if it succeeds). */
export async function errorOf(promise: Promise<unknown>): Promise<ConnectError> {
  return ConnectError.from(
    await promise.then(
      () => new Error("expected the call to fail"),
      (e: unknown) => e,
    ),
  );
}

/** The SKUs a FAILED_PRECONDITION names in its StockShortage detail. */
export function shortageOf(error: ConnectError) {
  if (error.code !== Code.FailedPrecondition) return undefined;
  return error.findDetails(StockShortageSchema)[0];
}

/** Polling until a condition holds: the shared test helper. */
export { waitFor } from "../support/wait-for.js";

/** A level and the ledger replayed by hand from GetStockHistory, to check they agree. */
export async function ledgerTotals(admin: Waybill, brandId: string, sku: string) {
  let onHand = 0n;
  let reserved = 0n;
  let entries = 0;
  let reserves = 0;
  let pageToken = "";
  do {
    const page = await admin.inventory.getStockHistory({ brandId, sku, page: { pageSize: 500, pageToken } });
    for (const entry of page.entries) {
      onHand += entry.deltaOnHand;
      reserved += entry.deltaReserved;
      entries++;
      if (entry.reason === LedgerReason.RESERVE) reserves++;
    }
    pageToken = page.page?.nextPageToken ?? "";
  } while (pageToken);
  return { onHand, reserved, entries, reserves };
}
