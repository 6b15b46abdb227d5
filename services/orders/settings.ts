import { defineSettings, integer } from "../kit/config/index.js";

/** Orders' settings: the deadline of PlaceOrder and the sweeper of abandoned placements. */
export const ordersSettings = defineSettings(
  {
    PLACE_ORDER_DEADLINE_MS: integer(
      100,
      600_000,
    )({
      default: 30_000,
      desc: "the longest a PlaceOrder may run, whatever its caller's timeout; a request still unfinished then stops and its stock hold is released",
    }),
    PLACEMENT_GRACE_MS: integer(
      0,
      600_000,
    )({
      default: 2_000,
      desc: "how long after its deadline an unfinished PlaceOrder is given up and its stock hold released (covers clock skew between replicas)",
    }),
    HOLD_CLOCK_MARGIN_MS: integer(
      0,
      600_000,
    )({
      default: 30_000,
      desc: "PlaceOrder records an order without confirming its stock hold first only this long before the hold expires (covers clock skew between Inventory and PostgreSQL); Inventory then confirms it from OrderPlaced",
    }),
    PLACEMENT_SWEEP_MS: integer(
      10,
      3_600_000,
    )({
      default: 1_000,
      desc: "how often PlaceOrder attempts past their deadline are looked for (safe with several replicas)",
    }),
  },
  (values) => ({
    placeOrderDeadlineMs: values.PLACE_ORDER_DEADLINE_MS,
    placementGraceMs: values.PLACEMENT_GRACE_MS,
    placementSweepMs: values.PLACEMENT_SWEEP_MS,
    holdClockMarginMs: values.HOLD_CLOCK_MARGIN_MS,
  }),
);

/** Orders' settings, as read. */
export type OrdersSettings = ReturnType<typeof ordersSettings.read>;
