import type { Timestamp } from "@bufbuild/protobuf/wkt";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import { useMutation } from "@connectrpc/connect-query";
import {
  type Assignment,
  type CourierKind,
  FleetService,
  ReportDeliveryRequestSchema,
  ReportPickupRequestSchema,
  ReportReturnRequestSchema,
} from "@waybill/sdk/fleet";
import { useState } from "react";
import { useAttemptKey } from "../../forms/attempt-key.js";
import { describeError, type ShownError } from "../../forms/describe-error.js";
import { checkRequest } from "../../forms/validate-request.js";
import { useSignedIn } from "../../session/session-context.js";
import { Badge, Button, ErrorBanner } from "../../ui/index.js";
import { shortId } from "../orders/orders-table.js";
import { actionLabel, assignmentLabel, assignmentTone, type RiderAction, riderActions } from "./assignment-actions.js";
import { useRefreshFleet } from "./use-refresh-fleet.js";

function timeOf(time: Timestamp | undefined): string | undefined {
  return time ? timestampDate(time).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) : undefined;
}

/**
 * One delivery of the courier: where it goes, its status, and the one report its status allows,
 * as a big button (ReportPickup, ReportDelivery, ReportReturn); the list is read again after it.
 */
export function AssignmentCard({
  assignment,
  courierKind,
}: {
  readonly assignment: Assignment;
  readonly courierKind: CourierKind;
}) {
  const session = useSignedIn();
  const refresh = useRefreshFleet();
  const attempt = useAttemptKey();
  const [failure, setFailure] = useState<ShownError>();
  const pickup = useMutation(FleetService.method.reportPickup);
  const delivery = useMutation(FleetService.method.reportDelivery);
  const giveBack = useMutation(FleetService.method.reportReturn);
  const busy = pickup.isPending || delivery.isPending || giveBack.isPending;
  const { orderId } = assignment;
  const address = assignment.deliveryAddress;

  async function report(action: RiderAction) {
    setFailure(undefined);
    const idempotencyKey = attempt.keyFor({ action, orderId });
    try {
      if (action === "pickup") {
        const checked = checkRequest(ReportPickupRequestSchema, { orderId, idempotencyKey });
        if (checked.valid) await pickup.mutateAsync(checked.message);
      } else if (action === "delivery") {
        const checked = checkRequest(ReportDeliveryRequestSchema, { orderId, idempotencyKey });
        if (checked.valid) await delivery.mutateAsync(checked.message);
      } else {
        const checked = checkRequest(ReportReturnRequestSchema, { orderId, idempotencyKey });
        if (checked.valid) await giveBack.mutateAsync(checked.message);
      }
      attempt.settled();
    } catch (thrown) {
      setFailure(describeError(thrown, { role: session.role, action: `report this (${actionLabel(action)})` }));
    }
    // Also after a refusal: the assignment may have moved meanwhile (recalled, reassigned).
    await refresh();
  }

  const times: readonly (readonly [string, string | undefined])[] = [
    ["Assigned", timeOf(assignment.assignTime)],
    ["Picked up", timeOf(assignment.pickupTime)],
    ["Expected", timeOf(assignment.estimatedArrivalTime)],
    ["Delivered", timeOf(assignment.deliverTime)],
  ];
  return (
    <article className="assignment-card" data-order={orderId} aria-label={`Order ${shortId(orderId)}`}>
      <header className="assignment-head">
        <span className="mono">{shortId(orderId)}</span>
        <span data-testid="assignment-status">
          <Badge tone={assignmentTone(assignment.status)}>{assignmentLabel(assignment.status)}</Badge>
        </span>
      </header>
      {address && (
        <address className="assignment-address">
          <strong>{address.recipientName}</strong>
          <div>{[address.line1, address.line2].filter(Boolean).join(", ")}</div>
          <div>{`${address.postalCode} ${address.city}`.trim()}</div>
          {address.phone && <a href={`tel:${address.phone}`}>{address.phone}</a>}
          {address.instructions && <p className="muted">“{address.instructions}”</p>}
        </address>
      )}
      <p className="muted assignment-meta">
        {assignment.brandId} · zone {assignment.zone}
        {times
          .filter(([, value]) => value !== undefined)
          .map(([label, value]) => ` · ${label} ${value}`)
          .join("")}
      </p>
      {assignment.endReason && <p className="muted">{assignment.endReason}</p>}
      <ErrorBanner error={failure} onDismiss={() => setFailure(undefined)} />
      {riderActions(assignment.status, courierKind).map((action) => (
        <Button
          key={action}
          variant={action === "return" ? "secondary" : "primary"}
          className="touch-button"
          busy={busy}
          onClick={() => void report(action)}
        >
          {actionLabel(action)}
        </Button>
      ))}
    </article>
  );
}
