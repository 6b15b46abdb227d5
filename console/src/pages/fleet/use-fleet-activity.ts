import { createClient } from "@connectrpc/connect";
import { useTransport } from "@connectrpc/connect-query";
import { type ActivityEntry, NotificationService } from "@waybill/sdk/notifications";
import { useCallback, useMemo, useRef } from "react";
import { type StreamState, useServerStream } from "../../rpc/use-server-stream.js";

/**
 * Follows the platform's activity (WatchActivity of every brand, for an operator) and calls
 * `onChange` for each entry about an order's delivery: Fleet's events, and Orders' cancellations
 * (a queued order leaves the queue without moving a courier, so WatchFleet does not tell). A
 * reconnection resumes after the last sequence seen.
 */
export function useFleetActivity(onChange: () => void): StreamState {
  const transport = useTransport();
  const client = useMemo(() => createClient(NotificationService, transport), [transport]);
  const last = useRef(0n);
  const open = useCallback(
    (signal: AbortSignal) =>
      client.watchActivity({ afterSequence: last.current, backlog: last.current > 0n ? 0 : 1 }, { signal }),
    [client],
  );
  const onMessage = useCallback(
    ({ entry }: { entry?: ActivityEntry | undefined }) => {
      if (!entry) return;
      if (entry.sequence > last.current) last.current = entry.sequence;
      if (entry.eventType.startsWith("waybill.fleet.") || entry.eventType === "waybill.orders.v1.OrderCancelled") {
        onChange();
      }
    },
    [onChange],
  );
  return useServerStream("fleet-activity", open, onMessage);
}
