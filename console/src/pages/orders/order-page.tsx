import { timestampDate } from "@bufbuild/protobuf/wkt";
import { useQuery } from "@connectrpc/connect-query";
import { type DeliveryAddress, OrderService } from "@waybill/sdk/orders";
import { Link, useParams } from "react-router";
import { describeError } from "../../forms/describe-error.js";
import { useWatchOrderActivity } from "../../rpc/use-watch-order-activity.js";
import { useSignedIn } from "../../session/session-context.js";
import { Badge, Card, ErrorBanner, PageHeader, Spinner } from "../../ui/index.js";
import { LiveIndicator } from "../items/live-indicator.js";
import { useBrand } from "../items/use-brand.js";
import { OrderDelivery } from "./order-delivery.js";
import { OrderLines } from "./order-lines.js";
import { OrderMoves } from "./order-moves.js";
import { statusLabel, statusTone } from "./order-status.js";
import { OrderTimeline } from "./order-timeline.js";
import { shortId } from "./orders-table.js";
import { useRefreshOrder } from "./use-refresh-order.js";

function addressLines(address: DeliveryAddress | undefined): readonly string[] {
  if (!address) return [];
  return [
    address.recipientName,
    address.line1,
    address.line2,
    `${address.postalCode} ${address.city}`.trim(),
    address.countryCode,
    address.phone,
    address.instructions ? `“${address.instructions}”` : "",
  ].filter(Boolean);
}

/**
 * `/orders/:orderId`: the order (lines, totals, address, customer), its timeline, the moves the
 * role may make, cancel and returns, and its delivery; kept live by the brand's activity about it.
 */
export function OrderPage() {
  const session = useSignedIn();
  const { orderId = "" } = useParams();
  const { canPick } = useBrand();
  const order = useQuery(OrderService.method.getOrder, { orderId });
  const refresh = useRefreshOrder();
  const current = order.data?.order;
  const live = useWatchOrderActivity(current?.brandId ?? "", current ? orderId : "", () => void refresh());
  const back = canPick && current ? `/orders?brand=${encodeURIComponent(current.brandId)}` : "/orders";

  if (order.isPending) return <Spinner label="Loading order…" />;
  if (order.error || !current) {
    return (
      <>
        <Link to={back}>← Orders</Link>
        <ErrorBanner error={describeError(order.error, { role: session.role, action: "read this order" })} />
      </>
    );
  }
  return (
    <>
      <Link to={back}>← Orders</Link>
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
              <dt>Id</dt>
              <dd className="mono">{current.orderId}</dd>
            </div>
            <div>
              <dt>Brand</dt>
              <dd>{current.brandId}</dd>
            </div>
            <div>
              <dt>Customer</dt>
              <dd className="mono">{current.customerId}</dd>
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
            {addressLines(current.deliveryAddress).map((line) => (
              <div key={line}>{line}</div>
            ))}
            <div className="muted">zone {current.deliveryZone}</div>
          </address>
        </Card>
      </div>
      <OrderLines order={current} />
      <div className="grid-2">
        <OrderTimeline orderId={orderId} />
        <OrderDelivery orderId={orderId} status={current.status} />
      </div>
    </>
  );
}
