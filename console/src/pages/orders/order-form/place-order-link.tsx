import { Link } from "react-router";
import { useSignedIn } from "../../../session/session-context.js";
import { canPlaceOrder, newOrderPath } from "./place-order-roles.js";
import "./order-form.css";

/** The link to the order form, as a primary button, for the roles that may place orders (none else). */
export function PlaceOrderLink({
  brandId = "",
  label = "New order",
}: {
  readonly brandId?: string;
  readonly label?: string;
}) {
  const session = useSignedIn();
  if (!canPlaceOrder(session.role)) return null;
  return (
    <Link className="btn btn-primary place-order-link" to={newOrderPath(session.role, brandId)}>
      {label}
    </Link>
  );
}
