import { createClient } from "@connectrpc/connect";
import { useTransport } from "@connectrpc/connect-query";
import { type ActivityEntry, NotificationService } from "@waybill/sdk/notifications";
import { useCallback, useMemo, useRef } from "react";
import { type StreamState, useServerStream } from "./use-server-stream.js";

/**
 * Follows the activity of one order of a brand (WatchActivity with the brand and the order), or
 * of all the brand's orders when `orderId` is empty, and calls `onEntry` for each entry about an
 * order (that one). A reconnection resumes after the last sequence seen, so no change is missed;
 * the first connection asks for the latest entry only, which tells the page the stream is open.
 * No brand (still loading, or an operator who picked none) watches nothing.
 */
export function useWatchOrderActivity(
  brandId: string,
  orderId: string,
  onEntry: (entry: ActivityEntry) => void,
): StreamState {
  const transport = useTransport();
  const client = useMemo(() => createClient(NotificationService, transport), [transport]);
  const key = brandId ? `${brandId}\n${orderId}` : undefined;
  const last = useRef<{ key: string | undefined; sequence: bigint }>({ key, sequence: 0n });
  if (last.current.key !== key) last.current = { key, sequence: 0n };
  const open = useCallback(
    (signal: AbortSignal) =>
      client.watchActivity(
        { brandId, orderId, afterSequence: last.current.sequence, backlog: last.current.sequence > 0n ? 0 : 1 },
        { signal },
      ),
    [client, brandId, orderId],
  );
  const onMessage = useCallback(
    ({ entry }: { entry?: ActivityEntry | undefined }) => {
      if (!entry) return;
      if (entry.sequence > last.current.sequence) last.current.sequence = entry.sequence;
      // The server filters by order already; the check keeps a wider feed from refreshing this page.
      if (orderId ? entry.orderId === orderId : entry.orderId !== "") onEntry(entry);
    },
    [orderId, onEntry],
  );
  return useServerStream(key, open, onMessage);
}
