import { useQuery } from "@connectrpc/connect-query";
import { OrderService } from "@waybill/sdk/orders";
import { useMemo } from "react";
import { Link, useParams } from "react-router";
import { describeError } from "../../forms/describe-error.js";
import { useWatchOrderActivity } from "../../rpc/use-watch-order-activity.js";
import { useSignedIn } from "../../session/session-context.js";
import { ErrorBanner, Spinner } from "../../ui/index.js";
import { useBrand } from "../items/use-brand.js";
import { OrderDetails } from "./order-details.js";
import { useLiveOrderRefresh } from "./use-refresh-order.js";

/**
 * `/orders/:orderId`: the order (lines, totals, address, customer), its timeline, the moves the
 * role may make, cancel and returns, and its delivery; kept live by the brand's activity about it.
 */
export function OrderPage() {
  const session = useSignedIn();
  const { orderId = "" } = useParams();
  const { canPick } = useBrand();
  const order = useQuery(OrderService.method.getOrder, { orderId });
  const refresh = useLiveOrderRefresh();
  const current = order.data?.order;
  const owner = useMemo(() => ({ brandId: current?.brandId ?? "" }), [current?.brandId]);
  const live = useWatchOrderActivity(owner, current ? orderId : "", refresh);
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
      <OrderDetails order={current} live={live} audience="staff" />
    </>
  );
}
