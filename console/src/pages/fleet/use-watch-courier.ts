import { createClient } from "@connectrpc/connect";
import { useTransport } from "@connectrpc/connect-query";
import { type Courier, FleetService } from "@waybill/sdk/fleet";
import { useCallback, useMemo, useState } from "react";
import { useServerStream } from "../../rpc/use-server-stream.js";
import { mergeCourier } from "./fleet-model.js";

/**
 * One courier live (WatchFleet filtered to its id; operators only): its name and what it does,
 * flying back included, which no activity about the order tells. An empty id watches nothing.
 */
export function useWatchCourier(courierId: string): Courier | undefined {
  const transport = useTransport();
  const client = useMemo(() => createClient(FleetService, transport), [transport]);
  const [couriers, setCouriers] = useState<ReadonlyMap<string, Courier>>(new Map());
  const open = useCallback(
    (signal: AbortSignal) => client.watchFleet({ courierIds: [courierId] }, { signal }),
    [client, courierId],
  );
  const onMessage = useCallback(({ courier }: { courier?: Courier | undefined }) => {
    if (courier) setCouriers((current) => mergeCourier(current, courier));
  }, []);
  useServerStream(courierId || undefined, open, onMessage);
  return couriers.get(courierId);
}
