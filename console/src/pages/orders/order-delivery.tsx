import type { Timestamp } from "@bufbuild/protobuf/wkt";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import { useQuery } from "@connectrpc/connect-query";
import { isNotFound } from "@waybill/sdk";
import { AssignmentStatus, CourierKind, FleetService } from "@waybill/sdk/fleet";
import { OrderStatus } from "@waybill/sdk/orders";
import { describeError } from "../../forms/describe-error.js";
import { useSignedIn } from "../../session/session-context.js";
import { Badge, Card, ErrorBanner, Spinner } from "../../ui/index.js";

const assignmentLabels: Readonly<Record<AssignmentStatus, string>> = {
  [AssignmentStatus.UNSPECIFIED]: "—",
  [AssignmentStatus.QUEUED]: "Queued for a courier",
  [AssignmentStatus.ASSIGNED]: "Courier assigned",
  [AssignmentStatus.PICKED_UP]: "Picked up",
  [AssignmentStatus.EN_ROUTE]: "En route",
  [AssignmentStatus.DELIVERED]: "Delivered",
  [AssignmentStatus.RECALLED]: "Recalled",
  [AssignmentStatus.RETURNED]: "Returned to base",
  [AssignmentStatus.CANCELLED]: "Cancelled",
};

// Fleet has an assignment only once the order was ready for dispatch (NOT_FOUND before).
const beforeFleet: ReadonlySet<OrderStatus> = new Set([OrderStatus.PLACED, OrderStatus.PREPARING]);

function timeOf(time: Timestamp | undefined): string | undefined {
  return time ? timestampDate(time).toLocaleString() : undefined;
}

/** The order's delivery (GetAssignment): status, courier, queue position, pick-up, ETA, hand-over. */
export function OrderDelivery({ orderId, status }: { readonly orderId: string; readonly status: OrderStatus }) {
  const session = useSignedIn();
  const asked = !beforeFleet.has(status);
  const assignment = useQuery(FleetService.method.getAssignment, { orderId }, { enabled: asked });
  if (!asked) {
    return (
      <Card title="Delivery">
        <p className="muted">Fleet takes the order once it is ready for dispatch.</p>
      </Card>
    );
  }
  if (assignment.isPending) return <Spinner label="Loading the delivery…" />;
  if (assignment.error) {
    return (
      <Card title="Delivery">
        {isNotFound(assignment.error) ? (
          <p className="muted">No delivery: the order never reached Fleet.</p>
        ) : (
          <ErrorBanner error={describeError(assignment.error, { role: session.role, action: "read the delivery" })} />
        )}
      </Card>
    );
  }
  const a = assignment.data.assignment;
  if (!a) return null;
  const rows: readonly (readonly [string, string | undefined])[] = [
    [
      "Courier",
      a.courierId
        ? `${a.courierKind === CourierKind.DRONE ? "Drone" : a.courierKind === CourierKind.RIDER ? "Rider" : "Courier"} ${a.courierId}`
        : undefined,
    ],
    ["Place in queue", a.queuePosition > 0n ? String(a.queuePosition) : undefined],
    ["Zone", a.zone],
    ["Attempt", a.attempt > 1 ? String(a.attempt) : undefined],
    ["Ready since", timeOf(a.createTime)],
    ["Assigned", timeOf(a.assignTime)],
    ["Picked up", timeOf(a.pickupTime)],
    ["Expected arrival", timeOf(a.estimatedArrivalTime)],
    ["Delivered", timeOf(a.deliverTime)],
    ["Ended", timeOf(a.endTime)],
    ["Why it ended", a.endReason || undefined],
  ];
  return (
    <Card title="Delivery" actions={<Badge tone="info">{assignmentLabels[a.status] ?? "—"}</Badge>}>
      <dl className="facts" data-testid="order-delivery">
        {rows
          .filter(([, value]) => value !== undefined)
          .map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
    </Card>
  );
}
