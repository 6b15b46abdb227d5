import type { PlatformFields } from "../../../services/campaigns/domain/index.js";

/** A sample campaign's shared fields (an active spring sale of 1,000 EUR in March), for unit tests. */
export const springSale: PlatformFields = {
  name: "Spring sale",
  currencyCode: "EUR",
  budgetMinor: 100_000,
  startAt: new Date("2026-03-01T00:00:00Z"),
  endAt: new Date("2026-04-01T00:00:00Z"),
  status: "active",
};
