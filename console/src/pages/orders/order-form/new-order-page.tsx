import type { Order } from "@waybill/sdk/orders";
import { Link, useNavigate } from "react-router";
import { useSignedIn } from "../../../session/session-context.js";
import { PageHeader } from "../../../ui/index.js";
import { useBrand } from "../../items/use-brand.js";
import { OrderForm } from "./order-form.js";
import "./order-form.css";

/**
 * `/orders/new` (partner, operator) and `/my-orders/new` (customer): a new order through
 * PlaceOrder, for the roles its contract allows. A partner orders for its own brand, a customer
 * for themselves, an operator for any brand and customer. Once placed, the order's page opens.
 */
export function NewOrderPage() {
  const session = useSignedIn();
  const navigate = useNavigate();
  const brand = useBrand();
  const customer = session.role === "customer";
  const back = customer
    ? "/my-orders"
    : brand.canPick && brand.brandId
      ? `/orders?brand=${encodeURIComponent(brand.brandId)}`
      : "/orders";
  const fixed = customer
    ? { customerId: session.subject }
    : session.role === "partner"
      ? { brandId: session.brandId }
      : {};
  const onPlaced = (order: Order) => {
    const id = encodeURIComponent(order.orderId);
    void navigate(
      customer
        ? `/my-orders/${id}`
        : brand.canPick
          ? `/orders/${id}?brand=${encodeURIComponent(order.brandId)}`
          : `/orders/${id}`,
    );
  };
  return (
    <>
      <Link to={back}>← {customer ? "My orders" : "Orders"}</Link>
      <PageHeader title={customer ? "Place an order" : "New order"} />
      <OrderForm fixed={fixed} initialBrandId={brand.canPick ? brand.brandId : ""} onPlaced={onPlaced} />
    </>
  );
}
