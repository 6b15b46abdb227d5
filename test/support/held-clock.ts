/** A clock for a service under test: the system clock, or a time a step holds it at. */
export interface HeldClock {
  /** The clock to hand the service (`startTestWaybill({ now })`). */
  readonly now: () => Date;
  /** Runs `step` with the clock held at `time`, then lets it run again. */
  at<T>(time: Date, step: () => Promise<T>): Promise<T>;
}

/**
 * Creates a {@link HeldClock}.
 *
 * @example
 * const clock = createHeldClock();
 * const waybill = await startTestWaybill({ now: clock.now });
 * await clock.at(new Date("2031-03-01T09:00:00Z"), () => brand.inventory.createItem(...));
 */
export function createHeldClock(): HeldClock {
  let held: Date | undefined;
  return {
    now: () => held ?? new Date(),
    async at(time, step) {
      held = time;
      try {
        return await step();
      } finally {
        held = undefined;
      }
    },
  };
}
