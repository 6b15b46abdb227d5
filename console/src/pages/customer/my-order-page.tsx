import { useQuery } from "@connectrpc/connect-query";
import { OrderService } from "@waybill/sdk/orders";
import { Link, useParams } from "react-router";
import { describeError } from "../../forms/describe-error.js";
import { useSignedIn } from "../../session/session-context.js";
import { ErrorBanner, Spinner } from "../../ui/index.js";
import { OrderDetails } from "../orders/order-details.js";
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
  return (
    <div className="customer-page">
      <Link to="/my-orders">← My orders</Link>
      <OrderDetails order={current} live={live} audience="customer" />
      <OrderActivity customerId={session.subject} orderId={orderId} />
    </div>
  );
}
