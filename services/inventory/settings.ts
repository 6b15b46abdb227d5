import { defineSettings, integer } from "../kit/config/index.js";

/** Inventory's settings: how long unconfirmed holds live, how often they are swept, snapshots. */
export const inventorySettings = defineSettings(
  {
    RESERVATION_TTL_MS: integer(
      100,
      86_400_000,
    )({
      default: 3_600_000,
      desc: "how long an unconfirmed stock hold lives before it is released: a backstop (Orders releases the holds of abandoned placements within seconds), and the longest Inventory's consumer of OrderPlaced may fall behind",
    }),
    RESERVATION_SWEEP_MS: integer(
      10,
      3_600_000,
    )({
      default: 5_000,
      desc: "how often expired holds are looked for (safe with several replicas)",
    }),
    RESERVE_BATCH_MAX: integer(
      1,
      1_000,
    )({
      default: 32,
      desc: "most ReserveStock holds that share one transaction (group commit); 1 gives each its own",
    }),
    STOCK_SNAPSHOT_EVERY: integer(
      1,
      1_000_000,
    )({
      default: 100,
      desc: "a stock snapshot every N ledger entries of an item (speeds up as-of reads)",
    }),
  },
  (values) => ({
    reservationTtlMs: values.RESERVATION_TTL_MS,
    reservationSweepMs: values.RESERVATION_SWEEP_MS,
    reserveBatchMax: values.RESERVE_BATCH_MAX,
    snapshotEvery: values.STOCK_SNAPSHOT_EVERY,
  }),
);

/** Inventory's settings, as read. */
export type InventorySettings = ReturnType<typeof inventorySettings.read>;
