import type { Timestamp } from "@bufbuild/protobuf/wkt";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import { useQuery } from "@connectrpc/connect-query";
import { isNotFound } from "@waybill/sdk";
import { type Assignment, CourierKind, FleetService } from "@waybill/sdk/fleet";
import { OrderStatus } from "@waybill/sdk/orders";
import { describeError } from "../../forms/describe-error.js";
import { useSignedIn } from "../../session/session-context.js";
import { Badge, Card, ErrorBanner, Spinner } from "../../ui/index.js";
import { assignmentLabels, courierStateLabels } from "../fleet/fleet-labels.js";
import { FlightTrack } from "../fleet/flight-track.js";
import { orderFlightTimes } from "../fleet/order-flight.js";
import { useWatchCourier } from "../fleet/use-watch-courier.js";

// Fleet has an assignment only once the order was ready for dispatch (NOT_FOUND before).
const beforeFleet: ReadonlySet<OrderStatus> = new Set([OrderStatus.PLACED, OrderStatus.PREPARING]);

function timeOf(time: Timestamp | undefined): string | undefined {
  return time ? timestampDate(time).toLocaleString() : undefined;
}

/**
 * The order's delivery (GetAssignment): status, courier, queue position, pick-up, ETA, hand-over,
 * and a drone's flight drawn moving from its times. The page reads the delivery again on each
 * activity entry about the order (use-refresh-order.ts), so every step shows as it happens.
 */
export function OrderDelivery({ orderId, status }: { readonly orderId: string; readonly status: OrderStatus }) {
  const session = useSignedIn();
  const asked = !beforeFleet.has(status);
  const assignment = useQuery(FleetService.method.getAssignment, { orderId }, { enabled: asked });
  const courierId = assignment.data?.assignment?.courierId ?? "";
  // Operators may follow the courier itself: its name and what it is doing (flying back, for one).
  const courier = useWatchCourier(session.role === "admin" ? courierId : "");
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
        ? `${a.courierKind === CourierKind.DRONE ? "Drone" : a.courierKind === CourierKind.RIDER ? "Rider" : "Courier"} ${
            courier?.name ?? a.courierId
          }`
        : undefined,
    ],
    ["Courier state", courier ? courierStateLabels[courier.state]?.[0] : undefined],
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
      <DeliveryFlight assignment={a} />
    </Card>
  );
}

/** A drone's flight for this order, drawn moving; nothing for a rider or before a courier. */
function DeliveryFlight({ assignment }: { readonly assignment: Assignment }) {
  const times = orderFlightTimes(assignment);
  if (!times) return null;
  return <FlightTrack times={times} label={`Flight of order ${assignment.orderId}`} />;
}
