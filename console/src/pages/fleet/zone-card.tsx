import { timestampDate } from "@bufbuild/protobuf/wkt";
import { type Assignment, AssignmentStatus, type Courier } from "@waybill/sdk/fleet";
import { Link } from "react-router";
import { Badge, Card, type Column, Table } from "../../ui/index.js";
import { shortId } from "../orders/orders-table.js";
import { AvailabilityControl } from "./availability-control.js";
import { assignmentLabels, courierStateLabels, kindLabels } from "./fleet-labels.js";
import { type FlightMemory, isDrone, type ZoneView } from "./fleet-model.js";
import { FlightSchematic } from "./flight-schematic.js";
import { RecallControl } from "./recall-control.js";

// A delivery can be recalled while a courier has it and it is not already coming back.
const recallable: ReadonlySet<AssignmentStatus> = new Set([
  AssignmentStatus.ASSIGNED,
  AssignmentStatus.PICKED_UP,
  AssignmentStatus.EN_ROUTE,
]);

const orderPath = (a: Assignment) => `/orders/${a.orderId}?brand=${encodeURIComponent(a.brandId)}`;
const clock = (time: Assignment["estimatedArrivalTime"]) =>
  time ? timestampDate(time).toLocaleTimeString() : undefined;

/** One zone: its drones' flights, its couriers with their state, load and deliveries, and its queue. */
export function ZoneCard({ view, memory }: { readonly view: ZoneView; readonly memory: FlightMemory }) {
  const drones = view.couriers.filter(isDrone);
  const carried = (courier: Courier) => view.active.filter((a) => a.courierId === courier.courierId);
  const columns: readonly Column<Courier>[] = [
    {
      key: "name",
      header: "Courier",
      cell: (c) => (
        <>
          {c.name} <span className="muted">{kindLabels[c.kind]}</span>
        </>
      ),
    },
    {
      key: "state",
      header: "State",
      cell: (c) => {
        const [label, tone] = courierStateLabels[c.state] ?? ["—", "neutral"];
        return (
          <span data-state={label}>
            <Badge tone={tone}>{label}</Badge>
          </span>
        );
      },
    },
    { key: "availability", header: "Availability", cell: (c) => <AvailabilityControl courier={c} /> },
    { key: "load", header: "Load", numeric: true, cell: (c) => `${c.activeAssignments} / ${c.capacity}` },
    {
      key: "deliveries",
      header: "Carrying",
      cell: (c) => (
        <ul className="deliveries">
          {carried(c).map((a) => (
            <li key={a.orderId} data-order={a.orderId}>
              <Link to={orderPath(a)} className="mono">
                {shortId(a.orderId)}
              </Link>{" "}
              <span className="muted">
                {assignmentLabels[a.status]}
                {a.estimatedArrivalTime && a.status === AssignmentStatus.EN_ROUTE
                  ? ` · ETA ${clock(a.estimatedArrivalTime)}`
                  : ""}
              </span>
              {recallable.has(a.status) && <RecallControl assignment={a} />}
            </li>
          ))}
        </ul>
      ),
    },
  ];
  return (
    <div data-zone={view.zone}>
      <Card
        title={`Zone ${view.zone}`}
        actions={
          <>
            <Badge>{`${view.couriers.length} courier${view.couriers.length === 1 ? "" : "s"}`}</Badge>
            <Badge tone={view.queue.length > 0 ? "warning" : "good"}>{`${view.queue.length} queued`}</Badge>
          </>
        }
      >
        <div className="stack">
          {drones.length > 0 && (
            <FlightSchematic zone={view.zone} drones={drones} assignments={view.active} memory={memory} />
          )}
          {view.couriers.length > 0 ? (
            <Table
              columns={columns}
              rows={view.couriers}
              rowKey={(c) => c.courierId}
              caption={`Couriers of ${view.zone}`}
            />
          ) : (
            <p className="muted">No courier serves this zone: its orders wait until one is registered.</p>
          )}
          <ZoneQueue queue={view.queue} />
        </div>
      </Card>
    </div>
  );
}

function ZoneQueue({ queue }: { readonly queue: readonly Assignment[] }) {
  return (
    <div>
      <h3 className="zone-subtitle">Queue</h3>
      {queue.length === 0 ? (
        <p className="muted">Nobody waits.</p>
      ) : (
        <ol className="zone-queue" data-testid="zone-queue">
          {queue.map((a) => (
            <li key={a.orderId} data-order={a.orderId}>
              <span className="queue-position">#{String(a.queuePosition)}</span>{" "}
              <Link to={orderPath(a)} className="mono">
                {shortId(a.orderId)}
              </Link>{" "}
              <span className="muted">
                {a.brandId} · ready since {a.createTime ? timestampDate(a.createTime).toLocaleTimeString() : "—"}
              </span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
