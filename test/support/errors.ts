import { ConnectError } from "@connectrpc/connect";

/**
 * The ConnectError a call fails with; fails the test when the call succeeds.
 *
 * @example
 * expect((await errorOf(acme.inventory.getItem({ brandId: "acme", sku: "NONE" }))).code).toBe(Code.NotFound);
 */
export async function errorOf(promise: Promise<unknown>): Promise<ConnectError> {
  return ConnectError.from(
    await promise.then(
      () => new Error("expected the call to fail"),
      (e: unknown) => e,
    ),
  );
}

/**
 * The ConnectErrors of the calls that failed among settled ones, in order.
 *
 * @example
 * const refused = rejectionsOf(await Promise.allSettled(calls));
 */
export function rejectionsOf(results: readonly PromiseSettledResult<unknown>[]): ConnectError[] {
  return results.flatMap((result) => (result.status === "rejected" ? [ConnectError.from(result.reason)] : []));
}
