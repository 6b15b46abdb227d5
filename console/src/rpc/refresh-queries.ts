import type { QueryClient, QueryKey } from "@tanstack/react-query";

/**
 * Reads the queries under `queryKeys` again without cancelling a read under way (TanStack's
 * `cancelRefetch: true` default would, and under a steady stream of changes no read would ever
 * finish): a read already under way is waited for (it may have begun before the change), then
 * the queries are invalidated, which reads the mounted ones again.
 */
export async function refreshQueries(queryClient: QueryClient, queryKeys: readonly QueryKey[]): Promise<void> {
  await Promise.all(
    queryKeys.map((queryKey) =>
      queryClient.refetchQueries({ queryKey, fetchStatus: "fetching" }, { cancelRefetch: false }),
    ),
  );
  await Promise.all(queryKeys.map((queryKey) => queryClient.invalidateQueries({ queryKey }, { cancelRefetch: false })));
}
