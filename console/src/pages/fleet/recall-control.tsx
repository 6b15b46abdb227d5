import { useMutation } from "@connectrpc/connect-query";
import type { Assignment } from "@waybill/sdk/fleet";
import { CancelOrderRequestSchema, OrderService } from "@waybill/sdk/orders";
import { type FormEvent, useState } from "react";
import { useAttemptKey } from "../../forms/attempt-key.js";
import { describeError, type ShownError } from "../../forms/describe-error.js";
import { type FieldErrors, fieldErrorsOf, noFieldErrors } from "../../forms/field-errors.js";
import { checkRequest } from "../../forms/validate-request.js";
import { useSignedIn } from "../../session/session-context.js";
import { Button, ErrorBanner, Field } from "../../ui/index.js";
import { shortId } from "../orders/orders-table.js";

const fields = { reason: "reason" };

/**
 * Recalls a delivery by cancelling its order (CancelOrder), after a confirmation with a reason:
 * a flying drone turns around where it is, a rider brings the goods back, and the goods return to
 * stock once at base. The drone's turn shows through WatchFleet.
 */
export function RecallControl({ assignment }: { readonly assignment: Assignment }) {
  const session = useSignedIn();
  const cancel = useMutation(OrderService.method.cancelOrder);
  const attempt = useAttemptKey();
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<FieldErrors>(noFieldErrors);
  const [failure, setFailure] = useState<ShownError>();
  const order = shortId(assignment.orderId);

  async function confirm(event: FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    const wanted = { orderId: assignment.orderId, reason: reason.trim() };
    const checked = checkRequest(CancelOrderRequestSchema, { ...wanted, idempotencyKey: attempt.keyFor(wanted) });
    setErrors(fieldErrorsOf(checked.valid ? [] : checked.violations, fields));
    if (!checked.valid) return;
    try {
      await cancel.mutateAsync(checked.message);
      attempt.settled();
      setConfirming(false);
      setReason("");
    } catch (thrown) {
      const shown = describeError(thrown, { role: session.role, action: "cancel orders" });
      setErrors(fieldErrorsOf(shown.violations, fields));
      setFailure(shown);
    }
  }

  if (!confirming) {
    return (
      <Button variant="danger" onClick={() => setConfirming(true)} aria-label={`Recall order ${order}`}>
        Recall
      </Button>
    );
  }
  return (
    <form className="stack confirm" aria-label={`Recall order ${order}`} onSubmit={confirm} noValidate>
      <p>
        Cancel order <span className="mono">{order}</span> and recall its courier? A flying drone turns back where it
        is; the goods return to stock when they are back. This cannot be undone.
      </p>
      <ErrorBanner error={failure} extra={errors.unplaced} onDismiss={() => setFailure(undefined)} />
      <Field
        label="Reason"
        name="reason"
        value={reason}
        error={errors.byField.reason}
        hint="Kept in the order's history"
        onChange={(event) => setReason(event.target.value)}
      />
      <div className="row">
        <Button type="submit" variant="danger" busy={cancel.isPending}>
          Cancel order and recall
        </Button>
        <Button variant="ghost" onClick={() => setConfirming(false)}>
          Keep it flying
        </Button>
      </div>
    </form>
  );
}
