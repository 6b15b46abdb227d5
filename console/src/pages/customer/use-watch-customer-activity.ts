import { createClient } from "@connectrpc/connect";
import { useTransport } from "@connectrpc/connect-query";
import { type ActivityEntry, NotificationService } from "@waybill/sdk/notifications";
import { useCallback, useMemo, useRef } from "react";
import { type StreamState, useServerStream } from "../../rpc/use-server-stream.js";

/**
 * Follows a customer's activity (WatchActivity with their own id, which a customer may call), or
 * that of one of their orders when `orderId` is set, and calls `onEntry` for each entry about an
 * order. As in `useWatchOrderActivity` (the brand's version), a reconnection resumes after the
 * last sequence seen and the first connection asks for the latest entry only, which tells the
 * page the stream is open. No customer id watches nothing.
 */
export function useWatchCustomerActivity(
  customerId: string,
  orderId: string,
  onEntry: (entry: ActivityEntry) => void,
): StreamState {
  const transport = useTransport();
  const client = useMemo(() => createClient(NotificationService, transport), [transport]);
  const key = customerId ? `${customerId}\n${orderId}` : undefined;
  const last = useRef<{ key: string | undefined; sequence: bigint }>({ key, sequence: 0n });
  if (last.current.key !== key) last.current = { key, sequence: 0n };
  const open = useCallback(
    (signal: AbortSignal) =>
      client.watchActivity(
        { customerId, orderId, afterSequence: last.current.sequence, backlog: last.current.sequence > 0n ? 0 : 1 },
        { signal },
      ),
    [client, customerId, orderId],
  );
  const onMessage = useCallback(
    ({ entry }: { entry?: ActivityEntry | undefined }) => {
      if (!entry) return;
      if (entry.sequence > last.current.sequence) last.current.sequence = entry.sequence;
      if (orderId ? entry.orderId === orderId : entry.orderId !== "") onEntry(entry);
    },
    [orderId, onEntry],
  );
  return useServerStream(key, open, onMessage);
}
