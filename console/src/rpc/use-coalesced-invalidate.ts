import { type QueryKey, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef } from "react";
import { type Coalescer, createCoalescer } from "./coalescer.js";
import { refreshQueries } from "./refresh-queries.js";

/** How often a live page reads its queries again at most, however fast its stream goes. */
export const liveRefreshEveryMs = 750;

/**
 * A function that asks for the queries under `queryKeys` to be read again, for a stream's
 * messages: requests coalesce to at most one refresh every `everyMs`, a read under way is never
 * cancelled (see `refreshQueries`), and a request that arrives during a refresh reads once more
 * after it. Stops on unmount.
 */
export function useCoalescedInvalidate(
  queryKeys: readonly QueryKey[],
  everyMs: number = liveRefreshEveryMs,
): () => void {
  const queryClient = useQueryClient();
  // The latest keys, so that a re-render (a new array) keeps the same coalescer.
  const keys = useRef(queryKeys);
  keys.current = queryKeys;
  const coalescer = useRef<Coalescer | undefined>(undefined);
  useEffect(() => {
    const created = createCoalescer(() => refreshQueries(queryClient, keys.current), everyMs);
    coalescer.current = created;
    return () => {
      created.dispose();
      if (coalescer.current === created) coalescer.current = undefined;
    };
  }, [queryClient, everyMs]);
  return useCallback(() => coalescer.current?.request(), []);
}
