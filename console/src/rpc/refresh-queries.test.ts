import { QueryClient, QueryObserver } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { refreshQueries } from "./refresh-queries.js";

describe("refreshQueries", () => {
  it("lets a read under way finish, then reads again", async () => {
    const queryClient = new QueryClient();
    const reads: { signal: AbortSignal; resolve: (value: number) => void }[] = [];
    const observer = new QueryObserver(queryClient, {
      queryKey: ["orders", "list"],
      queryFn: ({ signal }) => new Promise<number>((resolve) => reads.push({ signal, resolve })),
    });
    const unsubscribe = observer.subscribe(() => {});
    await Promise.resolve();
    expect(reads).toHaveLength(1);
    const refreshed = refreshQueries(queryClient, [["orders"]]);
    await Promise.resolve();
    expect(reads).toHaveLength(1);
    reads[0]?.resolve(1);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(reads[0]?.signal.aborted).toBe(false);
    expect(reads).toHaveLength(2);
    reads[1]?.resolve(2);
    await refreshed;
    expect(queryClient.getQueryData(["orders", "list"])).toBe(2);
    unsubscribe();
    queryClient.clear();
  });
});
