import { createClient } from "@connectrpc/connect";
import { useTransport } from "@connectrpc/connect-query";
import { type ActivityEntry, NotificationService } from "@waybill/sdk/notifications";
import { useCallback, useMemo, useRef } from "react";
import { type StreamState, useServerStream } from "./use-server-stream.js";

/** Which feed to follow: WatchActivity's filters (empty strings for none; all empty: every brand, for an operator). */
export interface ActivityScope {
  readonly brandId: string;
  readonly customerId: string;
  readonly orderId: string;
}

/** Where a stream starts: after a sequence, or (0) with the latest `backlog` entries. */
export interface StreamStart {
  readonly afterSequence: bigint;
  readonly backlog: number;
}

/** The latest entry only: it tells the page the stream is open, and then whatever is recorded. */
export const latestEntryOnly: StreamStart = { afterSequence: 0n, backlog: 1 };

/** The key of a scope: a changed scope is another stream. */
export function scopeKey(scope: ActivityScope): string {
  return [scope.brandId, scope.customerId, scope.orderId].join("\n");
}

/**
 * Follows a feed (WatchActivity) and calls `onEntry` for each entry, in sequence order. The first
 * connection starts at `start` (read when the scope changes); a reconnection resumes after the
 * last sequence seen, so no entry is missed. `scope` undefined (not ready yet) follows nothing.
 */
export function useActivityStream(
  scope: ActivityScope | undefined,
  start: StreamStart,
  onEntry: (entry: ActivityEntry) => void,
): StreamState {
  const transport = useTransport();
  const client = useMemo(() => createClient(NotificationService, transport), [transport]);
  const key = scope ? scopeKey(scope) : undefined;
  const last = useRef<{ key: string | undefined; start: StreamStart; sequence: bigint }>({
    key,
    start,
    sequence: start.afterSequence,
  });
  if (last.current.key !== key) last.current = { key, start, sequence: start.afterSequence };
  const open = useCallback(
    (signal: AbortSignal) =>
      client.watchActivity(
        {
          brandId: scope?.brandId ?? "",
          customerId: scope?.customerId ?? "",
          orderId: scope?.orderId ?? "",
          afterSequence: last.current.sequence,
          backlog: last.current.sequence > 0n ? 0 : last.current.start.backlog,
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
