import { skipToken, useInfiniteQuery } from "@connectrpc/connect-query";
import type { ActivityEntry } from "@waybill/sdk/notifications";
import { NotificationService } from "@waybill/sdk/notifications";
import { useCallback, useMemo, useState } from "react";
import { type ActivityScope, scopeKey, useActivityStream } from "../../rpc/use-activity-stream.js";
import type { StreamState } from "../../rpc/use-server-stream.js";
import { mergeFeed, streamStart, withLiveEntry } from "./feed.js";

const pageSize = 30;

/** A feed on screen: its entries newest first, the older pages on demand, and the stream's state. */
export interface ActivityFeed {
  readonly entries: readonly ActivityEntry[];
  readonly loading: boolean;
  readonly error: unknown;
  readonly live: StreamState | undefined;
  readonly hasOlder: boolean;
  readonly loadingOlder: boolean;
  loadOlder(): void;
}

/**
 * A feed (`scope` undefined: none, its filters being invalid): the newest page from ListActivity,
 * older pages as asked (its page tokens), and everything newer live from WatchActivity, started
 * once the first page is read, just below its newest entry (an empty page: with the latest page
 * of entries), so no entry falls between the two.
 */
export function useActivityFeed(scope: ActivityScope | undefined): ActivityFeed {
  const key = scope ? scopeKey(scope) : undefined;
  const pages = useInfiniteQuery(
    NotificationService.method.listActivity,
    scope ? { ...scope, page: { pageSize, pageToken: "" } } : skipToken,
    {
      pageParamKey: "page",
      getNextPageParam: (last) =>
        last.page?.nextPageToken ? { pageSize, pageToken: last.page.nextPageToken } : undefined,
    },
  );
  const firstPage = pages.data?.pages[0];
  const [live, setLive] = useState<{ readonly key: string | undefined; readonly entries: readonly ActivityEntry[] }>({
    key,
    entries: [],
  });
  const liveEntries = live.key === key ? live.entries : [];
  const onEntry = useCallback(
    (entry: ActivityEntry) =>
      setLive((current) => ({
        key,
        entries: withLiveEntry(current.key === key ? current.entries : [], entry),
      })),
    [key],
  );
  const stream = useActivityStream(
    firstPage ? scope : undefined,
    streamStart(firstPage?.entries[0], pageSize),
    onEntry,
  );
  const read = pages.data?.pages;
  const entries = useMemo(
    () =>
      mergeFeed(
        liveEntries,
        (read ?? []).map((p) => p.entries),
      ),
    [liveEntries, read],
  );
  return {
    entries,
    loading: scope !== undefined && pages.isPending,
    error: pages.error,
    live: firstPage ? stream : undefined,
    hasOlder: pages.hasNextPage,
    loadingOlder: pages.isFetchingNextPage,
    loadOlder: () => void pages.fetchNextPage(),
  };
}
