import { useQuery } from "@connectrpc/connect-query";
import { CourierState, FleetService } from "@waybill/sdk/fleet";
import { useMemo, useState } from "react";
import { describeError } from "../../forms/describe-error.js";
import { useSignedIn } from "../../session/session-context.js";
import { Button, EmptyState, ErrorBanner, PageHeader, Spinner } from "../../ui/index.js";
import { LiveIndicator } from "../items/live-indicator.js";
import { zonesOf } from "./fleet-model.js";
import { RegisterCourierForm } from "./register-courier-form.js";
import { openDeliveriesPageSize, useFleet } from "./use-fleet.js";
import { ZoneCard } from "./zone-card.js";
import "./fleet.css";

const flying: ReadonlySet<CourierState> = new Set([CourierState.EN_ROUTE, CourierState.RETURNING]);

/**
 * `/fleet` (operators): every zone with its couriers and drones live (WatchFleet), their state,
 * load and capacity, the zone's FIFO queue, each drone's flight drawn moving; register couriers,
 * set their availability, recall a delivery by cancelling its order.
 */
export function FleetPage() {
  const session = useSignedIn();
  const fleet = useFleet();
  const [registering, setRegistering] = useState(false);
  // WatchFleet sends nothing for an empty fleet: one cheap read tells "none" from "not yet".
  const any = useQuery(FleetService.method.listCouriers, { page: { pageSize: 1 } });
  const couriers = useMemo(() => [...fleet.couriers.values()], [fleet.couriers]);
  const zones = useMemo(() => zonesOf(couriers, fleet.assignments), [couriers, fleet.assignments]);
  const knownEmpty = any.data !== undefined && any.data.couriers.length === 0 && couriers.length === 0;
  const loading = any.isPending || fleet.assignmentsQuery.isPending || (!knownEmpty && !fleet.loaded);
  const queued = zones.reduce((sum, zone) => sum + zone.queue.length, 0);
  const inFlight = couriers.filter((c) => flying.has(c.state)).length;
  const error = any.error ?? fleet.assignmentsQuery.error;
  const truncated = fleet.assignmentsQuery.data?.page?.nextPageToken;

  return (
    <>
      <PageHeader
        title="Fleet"
        actions={
          <>
            <LiveIndicator state={knownEmpty && fleet.stream.status === "connecting" ? undefined : fleet.stream} />
            <Button variant="primary" onClick={() => setRegistering(true)} disabled={registering}>
              Register courier
            </Button>
          </>
        }
      />
      {registering && (
        <RegisterCourierForm onDone={() => setRegistering(false)} onCancel={() => setRegistering(false)} />
      )}
      <ErrorBanner error={error ? describeError(error, { role: session.role, action: "read the fleet" }) : undefined} />
      {truncated && <p className="muted">More than {openDeliveriesPageSize} open deliveries: the oldest are shown.</p>}
      {loading && !error ? (
        <Spinner label="Loading the fleet…" />
      ) : zones.length === 0 ? (
        <EmptyState title="No couriers yet">
          Register a drone or a rider: orders ready for dispatch wait in their zone's queue until one is online.
        </EmptyState>
      ) : (
        <div className="stack">
          <div className="fleet-stats">
            <Stat label="Zones" value={zones.length} />
            <Stat label="Couriers" value={couriers.length} />
            <Stat label="Flying" value={inFlight} testId="fleet-flying" />
            <Stat label="Queued" value={queued} testId="fleet-queued" />
          </div>
          {zones.map((zone) => (
            <ZoneCard key={zone.zone} view={zone} memory={fleet.memory} />
          ))}
        </div>
      )}
    </>
  );
}

function Stat({ label, value, testId }: { readonly label: string; readonly value: number; readonly testId?: string }) {
  return (
    <div className="stat" data-testid={testId}>
      <span className="stat-value">{value}</span>
      <span className="stat-label">{label}</span>
    </div>
  );
}
