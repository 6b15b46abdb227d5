/** Simulated durations of the fleet, already multiplied by the time scale. */
export interface FlightPlan {
  /** Loading an order onto a drone. */
  readonly loadMs: number;
  /** One way between base and a customer of `zone`. */
  travelMs(zone: string): number;
}

/** The unscaled settings a {@link FlightPlan} is made from. */
export interface FlightSettings {
  readonly timeScale: number;
  readonly travelMs: number;
  readonly zoneTravelMs: Readonly<Record<string, number>>;
  readonly loadMs: number;
}

/**
 * Scales the configured durations: with a time scale of 0.001 a 10-minute flight takes 600 ms.
 *
 * @example
 * createFlightPlan({ timeScale: 0.001, travelMs: 600_000, zoneTravelMs: { north: 900_000 }, loadMs: 60_000 }).travelMs("north"); // 900
 */
export function createFlightPlan(settings: FlightSettings): FlightPlan {
  const scaled = (ms: number) => Math.round(ms * settings.timeScale);
  return {
    loadMs: scaled(settings.loadMs),
    travelMs: (zone) => scaled(settings.zoneTravelMs[zone] ?? settings.travelMs),
  };
}

/**
 * How long a recalled drone needs to get back: as long as it has flown out (it turns around where
 * it is), never more than the whole way; a drone still on the ground is back at once.
 */
export function recallReturnMs(plan: FlightPlan, zone: string, departedAt: Date | null, now: Date): number {
  if (!departedAt) return 0;
  return Math.max(0, Math.min(now.getTime() - departedAt.getTime(), plan.travelMs(zone)));
}
