/**
 * Polls `read` until `done` holds, and returns the last value read. At the deadline it returns
 * the last value anyway, so the test's own assertion fails with what was seen; a read that throws
 * counts as "not yet" (a row or assignment that does not exist yet), and is rethrown at the
 * deadline when nothing was ever read.
 *
 * @example
 * const order = await waitFor(() => admin.orders.getOrder({ orderId }), (r) => r.order?.status === OrderStatus.DELIVERED);
 */
export async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 15_000,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: { value: T } | undefined;
  let failure: unknown;
  for (;;) {
    try {
      last = { value: await read() };
      if (done(last.value)) return last.value;
    } catch (error) {
      failure = error;
    }
    if (Date.now() > deadline) {
      if (last) return last.value;
      throw failure;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
