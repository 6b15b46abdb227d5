import type { PlatformCampaignInput, PlatformCampaignPatch } from "../platform/index.js";

/** A request body that passed the simulator's checks, or why it did not. */
export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

const statuses = ["draft", "active", "paused"];
const editable = ["name", "status", "budget", "start_time", "end_time"] as const;

/** Checks a create body as a strict platform would. */
export function checkCampaignInput(body: unknown): Checked<PlatformCampaignInput> {
  const input = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  if (typeof input.advertiser_id !== "string" || !/^[a-z0-9][a-z0-9_-]{0,62}$/.test(input.advertiser_id)) {
    return { ok: false, message: "advertiser_id must be a lower-case account id" };
  }
  const externalRef = input.external_ref ?? "";
  if (typeof externalRef !== "string" || externalRef.length > 128)
    return { ok: false, message: "external_ref must be a string of at most 128 characters" };
  const patch = checkCampaignPatch(Object.fromEntries(editable.map((field) => [field, input[field]])), true);
  if (!patch.ok) return patch;
  return {
    ok: true,
    value: {
      ...(patch.value as Required<PlatformCampaignPatch>),
      advertiser_id: input.advertiser_id,
      external_ref: externalRef,
    },
  };
}

/**
 * Checks an update body (or, with `complete`, the editable part of a create body): every field
 * given must be valid, and a create must give them all. The end must follow the start when both
 * are given; the caller checks the merged campaign.
 */
export function checkCampaignPatch(body: unknown, complete = false): Checked<PlatformCampaignPatch> {
  const input = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  const present = (field: string) => input[field] !== undefined;
  const missing = complete ? editable.find((field) => !present(field)) : undefined;
  if (missing) return { ok: false, message: `${missing} is required` };
  if (present("name") && (typeof input.name !== "string" || input.name.length === 0 || input.name.length > 200)) {
    return { ok: false, message: "name must have 1 to 200 characters" };
  }
  if (present("status") && !statuses.includes(input.status as string))
    return { ok: false, message: `status must be one of ${statuses.join(" ")}` };
  if (present("budget")) {
    const budget = input.budget as { currency?: unknown; amount_minor?: unknown } | null;
    if (
      typeof budget?.currency !== "string" ||
      !/^[A-Z]{3}$/.test(budget.currency) ||
      !Number.isSafeInteger(budget.amount_minor) ||
      (budget.amount_minor as number) <= 0
    ) {
      return { ok: false, message: "budget needs a 3-letter currency and a positive whole amount_minor" };
    }
  }
  for (const field of ["start_time", "end_time"]) {
    if (present(field) && (typeof input[field] !== "string" || Number.isNaN(Date.parse(input[field] as string)))) {
      return { ok: false, message: `${field} must be an RFC 3339 time` };
    }
  }
  if (
    present("start_time") &&
    present("end_time") &&
    Date.parse(input.end_time as string) <= Date.parse(input.start_time as string)
  ) {
    return { ok: false, message: "end_time must be after start_time" };
  }
  const value = Object.fromEntries(
    editable.filter(present).map((field) => [field, input[field]]),
  ) as PlatformCampaignPatch;
  return { ok: true, value };
}
