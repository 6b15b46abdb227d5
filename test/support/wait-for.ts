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

/**
 * Like {@link waitFor}, but fails with `what` (and the last value read) when `done` never holds:
 * for a wait whose result the test does not check itself.
 *
 * @example
 * await waitUntil(() => admin.fleet.getAssignment({ orderId }), (r) => r.assignment?.status === AssignmentStatus.EN_ROUTE, "take-off");
 */
export async function waitUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const value = await waitFor(read, done, timeoutMs);
  if (!done(value)) throw new Error(`timed out waiting for ${what}; last seen: ${describe(value)}`);
  return value;
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v))?.slice(0, 500) ?? "";
  } catch {
    return String(value);
  }
}

/**
 * Waits until the clock reads a later millisecond than `time`, so that whatever is written next
 * is stamped strictly after it (the services' times have millisecond precision).
 *
 * @example
 * await clockPast(timestampDate(created.item!.createTime!));
 */
export async function clockPast(time: Date): Promise<void> {
  const passed = await waitFor(
    async () => Date.now(),
    (now) => now > time.getTime(),
    1_000,
    1,
  );
  if (passed <= time.getTime()) throw new Error(`the clock never passed ${time.toISOString()}`);
}
