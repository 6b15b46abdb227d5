import { defineSettings, integer, keyedIntegers, positiveNumber } from "../kit/config/index.js";

/** Fleet's settings: the simulated durations of drone flights and how often due steps are looked for. */
export const fleetSettings = defineSettings(
  {
    FLEET_TIME_SCALE: positiveNumber(1000)({
      default: 1,
      desc: "multiplier of every simulated fleet duration (0.001: a 10-minute flight lasts 0.6 s)",
    }),
    FLEET_TRAVEL_MS: integer(
      0,
      86_400_000,
    )({
      default: 600_000,
      desc: "one-way flight or ride between base and customer, before scaling",
    }),
    FLEET_ZONE_TRAVEL_MS: keyedIntegers(
      0,
      86_400_000,
    )({
      default: {},
      desc: "travel times of particular zones, e.g. north=900000,south=300000",
    }),
    FLEET_LOAD_MS: integer(0, 86_400_000)({ default: 60_000, desc: "loading an order onto a drone, before scaling" }),
    FLEET_TICK_MS: integer(5, 60_000)({ default: 200, desc: "how often each replica looks for due flight steps" }),
  },
  (values) => ({
    timeScale: values.FLEET_TIME_SCALE,
    travelMs: values.FLEET_TRAVEL_MS,
    zoneTravelMs: values.FLEET_ZONE_TRAVEL_MS,
    loadMs: values.FLEET_LOAD_MS,
    tickMs: values.FLEET_TICK_MS,
  }),
);

/** Fleet's settings, as read. */
export type FleetSettings = ReturnType<typeof fleetSettings.read>;
