import { createClient } from "@connectrpc/connect";
import { createConnectQueryKey, useQuery, useTransport } from "@connectrpc/connect-query";
import { type Assignment, type Courier, FleetService } from "@waybill/sdk/fleet";
import { useCallback, useMemo, useRef, useState } from "react";
import { useCoalescedInvalidate } from "../../rpc/use-coalesced-invalidate.js";
import { type StreamState, useServerStream } from "../../rpc/use-server-stream.js";
import { emptyFlightMemory, type FlightMemory, mergeCourier, openStatuses, rememberFlights } from "./fleet-model.js";
import { useFleetActivity } from "./use-fleet-activity.js";

/** The open deliveries read at once: the queue and the flights of every zone. */
export const openDeliveriesPageSize = 500;

const assignmentQueries = [
  createConnectQueryKey({ schema: FleetService.method.listAssignments, cardinality: undefined }),
];

/** The fleet live: couriers from WatchFleet, open deliveries from ListAssignments, and what is known of flights. */
export interface LiveFleet {
  readonly couriers: ReadonlyMap<string, Courier>;
  /** Whether the stream has sent anything yet (the couriers are known). */
  readonly loaded: boolean;
  readonly stream: StreamState;
  readonly assignments: readonly Assignment[];
  readonly assignmentsQuery: ReturnType<typeof useOpenDeliveries>;
  readonly memory: FlightMemory;
}

function useOpenDeliveries() {
  return useQuery(FleetService.method.listAssignments, {
    statuses: [...openStatuses],
    page: { pageSize: openDeliveriesPageSize },
  });
}

/**
 * Every courier live (WatchFleet: all of them first, then each change), and the open deliveries,
 * read again when something about them changed: a courier's state (each step of a delivery moves
 * its courier) or a fleet entry of the activity feed (an order queued or cancelled moves no
 * courier). Re-reads coalesce (`useCoalescedInvalidate`), so a burst of changes costs one read
 * and a read under way is never cancelled. No polling.
 */
export function useFleet(): LiveFleet {
  const transport = useTransport();
  const client = useMemo(() => createClient(FleetService, transport), [transport]);
  const [couriers, setCouriers] = useState<{ map: ReadonlyMap<string, Courier>; loaded: boolean }>({
    map: new Map(),
    loaded: false,
  });
  const reread = useCoalescedInvalidate(assignmentQueries);

  const open = useCallback((signal: AbortSignal) => client.watchFleet({}, { signal }), [client]);
  const onMessage = useCallback(
    ({ courier }: { courier?: Courier | undefined }) => {
      if (!courier) return;
      setCouriers((current) => {
        const map = mergeCourier(current.map, courier);
        return map === current.map && current.loaded ? current : { map, loaded: true };
      });
      reread();
    },
    [reread],
  );
  const stream = useServerStream("fleet", open, onMessage);
  useFleetActivity(reread);

  const assignmentsQuery = useOpenDeliveries();
  const assignments = useMemo(() => assignmentsQuery.data?.assignments ?? [], [assignmentsQuery.data]);
  // Flights that left the open list (delivered, the drone flying back) are placed from memory.
  const memory = useRef<FlightMemory>(emptyFlightMemory);
  const remembered = useMemo(() => {
    memory.current = rememberFlights(memory.current, assignments);
    return memory.current;
  }, [assignments]);
  return {
    couriers: couriers.map,
    loaded: couriers.loaded,
    stream,
    assignments,
    assignmentsQuery,
    memory: remembered,
  };
}
