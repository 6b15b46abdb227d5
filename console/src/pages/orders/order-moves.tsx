import { useMutation } from "@connectrpc/connect-query";
import {
  CancelOrderRequestSchema,
  type Order,
  OrderService,
  type OrderStatus,
  UpdateOrderStatusRequestSchema,
} from "@waybill/sdk/orders";
import { type FormEvent, useState } from "react";
import { useAttemptKey } from "../../forms/attempt-key.js";
import { describeError, type ShownError } from "../../forms/describe-error.js";
import { type FieldErrors, fieldErrorsOf, noFieldErrors } from "../../forms/field-errors.js";
import { checkRequest } from "../../forms/validate-request.js";
import { useSignedIn } from "../../session/session-context.js";
import { Button, Card, ErrorBanner, Field } from "../../ui/index.js";
import { allowedMoves, canCancel, moveLabel } from "./order-status.js";
import { useRefreshOrder } from "./use-refresh-order.js";

const fields = { reason: "reason" };

/** The moves the role may make on the order now, and its cancellation behind a confirmation. */
export function OrderMoves({ order }: { readonly order: Order }) {
  const session = useSignedIn();
  const refresh = useRefreshOrder();
  const moves = allowedMoves(order.status, session.role);
  const cancellable = canCancel(order.status, session.role);
  const update = useMutation(OrderService.method.updateOrderStatus);
  const cancel = useMutation(OrderService.method.cancelOrder);
  const moveAttempt = useAttemptKey();
  const cancelAttempt = useAttemptKey();
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<FieldErrors>(noFieldErrors);
  const [failure, setFailure] = useState<ShownError>();

  if (moves.length === 0 && !cancellable) return null;

  async function move(to: OrderStatus) {
    setFailure(undefined);
    const change = { orderId: order.orderId, status: to };
    const checked = checkRequest(UpdateOrderStatusRequestSchema, {
      ...change,
      idempotencyKey: moveAttempt.keyFor(change),
    });
    if (!checked.valid) {
      setFailure({ title: "This move cannot be sent", violations: checked.violations });
      return;
    }
    try {
      await update.mutateAsync(checked.message);
      moveAttempt.settled();
    } catch (thrown) {
      setFailure(describeError(thrown, { role: session.role, action: "move this order" }));
    }
    await refresh();
  }

  async function confirmCancel(event: FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    const change = { orderId: order.orderId, reason: reason.trim() };
    const checked = checkRequest(CancelOrderRequestSchema, { ...change, idempotencyKey: cancelAttempt.keyFor(change) });
    setErrors(fieldErrorsOf(checked.valid ? [] : checked.violations, fields));
    if (!checked.valid) return;
    try {
      await cancel.mutateAsync(checked.message);
      cancelAttempt.settled();
      setConfirming(false);
      setReason("");
    } catch (thrown) {
      const shown = describeError(thrown, { role: session.role, action: "cancel this order" });
      setErrors(fieldErrorsOf(shown.violations, fields));
      setFailure(shown);
    }
    await refresh();
  }

  return (
    <Card title="Actions">
      <div className="stack">
        <ErrorBanner error={failure} extra={errors.unplaced} onDismiss={() => setFailure(undefined)} />
        <div className="row">
          {moves.map((to) => (
            <Button key={to} variant="primary" busy={update.isPending} onClick={() => void move(to)}>
              {moveLabel(to)}
            </Button>
          ))}
          {cancellable && !confirming && (
            <Button variant="danger" onClick={() => setConfirming(true)}>
              Cancel order
            </Button>
          )}
        </div>
        {confirming && (
          <form className="stack" aria-label="Cancel order" onSubmit={confirmCancel} noValidate>
            <p>
              Cancel this order? Reserved stock is released; a courier carrying it is recalled. This cannot be undone.
            </p>
            <Field
              label="Reason"
              name="reason"
              value={reason}
              error={errors.byField.reason}
              hint="Kept in the order's history (optional)"
              onChange={(e) => setReason(e.target.value)}
            />
            <div className="row">
              <Button type="submit" variant="danger" busy={cancel.isPending}>
                Confirm cancellation
              </Button>
              <Button variant="ghost" onClick={() => setConfirming(false)}>
                Keep the order
              </Button>
            </div>
          </form>
        )}
      </div>
    </Card>
  );
}
