import { timestampDate } from "@bufbuild/protobuf/wkt";
import { useQuery } from "@connectrpc/connect-query";
import { OrderService } from "@waybill/sdk/orders";
import { Link, useParams } from "react-router";
import { describeError } from "../../forms/describe-error.js";
import { useSignedIn } from "../../session/session-context.js";
import { Badge, Card, ErrorBanner, PageHeader, Spinner } from "../../ui/index.js";
import { LiveIndicator } from "../items/live-indicator.js";
import { OrderDelivery } from "../orders/order-delivery.js";
import { OrderLines } from "../orders/order-lines.js";
import { OrderMoves } from "../orders/order-moves.js";
import { statusLabel, statusTone } from "../orders/order-status.js";
import { OrderTimeline } from "../orders/order-timeline.js";
import { shortId } from "../orders/orders-table.js";
import { OrderActivity } from "./order-activity.js";
import { useLiveCustomerOrders } from "./use-live-customer-orders.js";
import "./customer.css";

/**
 * `/my-orders/:orderId`: one of the customer's orders, its lines and address, its status live
 * (the customer's activity stream for this order), the timeline, the delivery, the activity, and
 * cancel while it is allowed.
 */
export function MyOrderPage() {
  const session = useSignedIn();
  const { orderId = "" } = useParams();
  const order = useQuery(OrderService.method.getOrder, { orderId });
  const live = useLiveCustomerOrders(session.subject, orderId);
  const current = order.data?.order;

  if (order.isPending) return <Spinner label="Loading order…" />;
  if (order.error || !current) {
    return (
      <>
        <Link to="/my-orders">← My orders</Link>
        <ErrorBanner error={describeError(order.error, { role: session.role, action: "read this order" })} />
      </>
    );
  }
  const address = current.deliveryAddress;
  return (
    <div className="customer-page">
      <Link to="/my-orders">← My orders</Link>
      <PageHeader
        title={
          <>
            Order <span className="mono">{shortId(current.orderId)}</span>{" "}
            <span data-testid="order-status">
              <Badge tone={statusTone(current.status)}>{statusLabel(current.status)}</Badge>
            </span>
          </>
        }
        actions={<LiveIndicator state={live} />}
      />
      <OrderMoves order={current} />
      <div className="grid-2">
        <Card title="Order">
          <dl className="facts">
            <div>
              <dt>From</dt>
              <dd>{current.brandId}</dd>
            </div>
            <div>
              <dt>Placed</dt>
              <dd>{current.createTime ? timestampDate(current.createTime).toLocaleString() : "—"}</dd>
            </div>
            {current.promoCode && (
              <div>
                <dt>Promo code</dt>
                <dd className="mono">{current.promoCode}</dd>
              </div>
            )}
            {current.cancelReason && (
              <div>
                <dt>Cancelled because</dt>
                <dd>{current.cancelReason}</dd>
              </div>
            )}
          </dl>
        </Card>
        <Card title="Deliver to">
          <address className="address">
            {address && (
              <>
                <div>{address.recipientName}</div>
                <div>{[address.line1, address.line2].filter(Boolean).join(", ")}</div>
                <div>{`${address.postalCode} ${address.city} ${address.countryCode}`.trim()}</div>
              </>
            )}
          </address>
        </Card>
      </div>
      <OrderLines order={current} />
      <div className="grid-2">
        <OrderTimeline orderId={orderId} />
        <OrderDelivery orderId={orderId} status={current.status} />
      </div>
      <OrderActivity customerId={session.subject} orderId={orderId} />
    </div>
  );
}
