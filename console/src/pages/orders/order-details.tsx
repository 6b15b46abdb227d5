import { timestampDate } from "@bufbuild/protobuf/wkt";
import type { Order } from "@waybill/sdk/orders";
import type { ReactNode } from "react";
import type { StreamState } from "../../rpc/use-server-stream.js";
import { Badge, Card, PageHeader } from "../../ui/index.js";
import { LiveIndicator } from "../items/live-indicator.js";
import { addressLines } from "./address-lines.js";
import { OrderDelivery } from "./order-delivery.js";
import { OrderLines } from "./order-lines.js";
import { OrderMoves } from "./order-moves.js";
import { statusLabel, statusTone } from "./order-status.js";
import { OrderTimeline } from "./order-timeline.js";
import { shortId } from "./orders-table.js";

/** What the order's page shows and to whom. */
export interface OrderDetailsProps {
  readonly order: Order;
  readonly live: StreamState | undefined;
  /** The staff's facts (ids of the brand and the customer) or the customer's (the brand it is from). */
  readonly audience: "staff" | "customer";
}

/**
 * An order's page below its back link, for the staff (`/orders/:orderId`) and for its customer
 * (`/my-orders/:orderId`): status with the stream's state, the moves the role may make, the facts,
 * the address, the lines, the timeline and the delivery.
 */
export function OrderDetails({ order, live, audience }: OrderDetailsProps) {
  return (
    <>
      <PageHeader
        title={
          <>
            Order <span className="mono">{shortId(order.orderId)}</span>{" "}
            <span data-testid="order-status">
              <Badge tone={statusTone(order.status)}>{statusLabel(order.status)}</Badge>
            </span>
          </>
        }
        actions={<LiveIndicator state={live} />}
      />
      <OrderMoves order={order} />
      <div className="grid-2">
        <Card title="Order">
          <dl className="facts">
            {audience === "staff" ? (
              <>
                <Fact term="Id" mono>
                  {order.orderId}
                </Fact>
                <Fact term="Brand">{order.brandId}</Fact>
                <Fact term="Customer" mono>
                  {order.customerId}
                </Fact>
              </>
            ) : (
              <Fact term="From">{order.brandId}</Fact>
            )}
            <Fact term="Placed">{order.createTime ? timestampDate(order.createTime).toLocaleString() : "—"}</Fact>
            {order.promoCode && (
              <Fact term="Promo code" mono>
                {order.promoCode}
              </Fact>
            )}
            {order.cancelReason && <Fact term="Cancelled because">{order.cancelReason}</Fact>}
          </dl>
        </Card>
        <Card title="Deliver to">
          <address className="address">
            {addressLines(order.deliveryAddress).map((line) => (
              <div key={line}>{line}</div>
            ))}
            <div className="muted">zone {order.deliveryZone}</div>
          </address>
        </Card>
      </div>
      <OrderLines order={order} />
      <div className="grid-2">
        <OrderTimeline orderId={order.orderId} />
        <OrderDelivery orderId={order.orderId} status={order.status} />
      </div>
    </>
  );
}

function Fact({
  term,
  mono,
  children,
}: {
  readonly term: string;
  readonly mono?: boolean;
  readonly children: ReactNode;
}) {
  return (
    <div>
      <dt>{term}</dt>
      <dd className={mono ? "mono" : undefined}>{children}</dd>
    </div>
  );
}
