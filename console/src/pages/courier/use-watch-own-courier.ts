import { createClient } from "@connectrpc/connect";
import { useTransport } from "@connectrpc/connect-query";
import { type Courier, FleetService } from "@waybill/sdk/fleet";
import { useCallback, useMemo, useRef } from "react";
import { type StreamState, useServerStream } from "../../rpc/use-server-stream.js";
import { isNewerCourier } from "./courier-version.js";

/**
 * Follows the signed-in courier live (WatchFleet naming its own id: the only request the role may
 * make) and calls `onChange` each time the courier moves past `shownVersion`, the version the page
 * read with GetCourier: a new, cancelled or finished assignment changes its load, a report or a
 * flight its state. A reconnection's snapshot of an unchanged courier calls nothing. An empty id
 * watches nothing.
 */
export function useWatchOwnCourier(
  courierId: string,
  shownVersion: bigint | undefined,
  onChange: () => void,
): StreamState {
  const transport = useTransport();
  const client = useMemo(() => createClient(FleetService, transport), [transport]);
  // The newest version streamed for this courier, and the latest shown one, read by the callback
  // without restarting the stream.
  const streamed = useRef<{ courierId: string; version: bigint | undefined }>({ courierId, version: undefined });
  if (streamed.current.courierId !== courierId) streamed.current = { courierId, version: undefined };
  const shown = useRef(shownVersion);
  shown.current = shownVersion;
  const open = useCallback(
    (signal: AbortSignal) => client.watchFleet({ courierIds: [courierId] }, { signal }),
    [client, courierId],
  );
  const onMessage = useCallback(
    ({ courier }: { courier?: Courier | undefined }) => {
      if (courier?.courierId !== courierId) return;
      if (!isNewerCourier(courier.version, streamed.current.version, shown.current)) return;
      streamed.current.version = courier.version;
      onChange();
    },
    [courierId, onChange],
  );
  return useServerStream(courierId || undefined, open, onMessage);
}
