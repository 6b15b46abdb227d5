import { createClient } from "@connectrpc/connect";
import { useTransport } from "@connectrpc/connect-query";
import { type ActivityEntry, NotificationService } from "@waybill/sdk/notifications";
import { useCallback, useMemo, useRef } from "react";
import { type StreamState, useServerStream } from "../../rpc/use-server-stream.js";

/** Which feed to follow: WatchActivity's filters (empty strings for none). */
export interface ActivityScope {
  readonly brandId: string;
  readonly customerId: string;
  readonly orderId: string;
}

/** The key of a scope: a changed scope is another stream. */
export function scopeKey(scope: ActivityScope): string {
  return [scope.brandId, scope.customerId, scope.orderId].join("\n");
}

/**
 * Follows a feed (WatchActivity) and calls `onEntry` for each entry, in sequence order. The stream
 * starts after `startAfter` (read when the scope changes; 0: with the latest entry only, which
 * tells the page the stream is open) and a reconnection resumes after the last sequence seen, so
 * no entry is missed. `scope` undefined (not ready yet) follows nothing.
 */
export function useActivityStream(
  scope: ActivityScope | undefined,
  startAfter: bigint,
  onEntry: (entry: ActivityEntry) => void,
): StreamState {
  const transport = useTransport();
  const client = useMemo(() => createClient(NotificationService, transport), [transport]);
  const key = scope ? scopeKey(scope) : undefined;
  const last = useRef<{ key: string | undefined; sequence: bigint }>({ key, sequence: startAfter });
  if (last.current.key !== key) last.current = { key, sequence: startAfter };
  const open = useCallback(
    (signal: AbortSignal) =>
      client.watchActivity(
        {
          brandId: scope?.brandId ?? "",
          customerId: scope?.customerId ?? "",
          orderId: scope?.orderId ?? "",
          afterSequence: last.current.sequence,
          backlog: last.current.sequence > 0n ? 0 : 1,
        },
        { signal },
      ),
    [client, scope?.brandId, scope?.customerId, scope?.orderId],
  );
  const onMessage = useCallback(
    ({ entry }: { entry?: ActivityEntry | undefined }) => {
      if (!entry) return;
      if (entry.sequence > last.current.sequence) last.current.sequence = entry.sequence;
      onEntry(entry);
    },
    [onEntry],
  );
  return useServerStream(key, open, onMessage);
}
