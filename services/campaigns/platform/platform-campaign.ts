import type { PlatformStatusName } from "../domain/index.js";

/** A budget as the ad platform's API writes it. */
export interface PlatformBudget {
  /** ISO 4217 code, e.g. `EUR`. */
  readonly currency: string;
  /** Amount in minor units (cents). */
  readonly amount_minor: number;
}

/**
 * A campaign as the ad platform's REST API shows it (JSON). `advertiser_id` is the account the
 * campaign belongs to — Waybill uses the brand id — and `external_ref` is the caller's own id for
 * it (Waybill's campaign id; empty for a campaign created on the platform directly).
 */
export interface PlatformCampaign {
  readonly id: string;
  readonly advertiser_id: string;
  readonly external_ref: string;
  readonly name: string;
  readonly status: PlatformStatusName;
  readonly budget: PlatformBudget;
  /** RFC 3339. */
  readonly start_time: string;
  /** RFC 3339, after `start_time`. */
  readonly end_time: string;
  readonly created_at: string;
  readonly updated_at: string;
}

/** The body of `POST /v1/campaigns`. */
export type PlatformCampaignInput = Pick<
  PlatformCampaign,
  "advertiser_id" | "external_ref" | "name" | "status" | "budget" | "start_time" | "end_time"
>;

/** The body of `PATCH /v1/campaigns/{id}`: any of the editable fields. */
export type PlatformCampaignPatch = Partial<
  Pick<PlatformCampaign, "name" | "status" | "budget" | "start_time" | "end_time">
>;

/** One page of `GET /v1/campaigns`. */
export interface PlatformCampaignPage {
  readonly campaigns: readonly PlatformCampaign[];
  /** Token of the next page; empty on the last one. */
  readonly next_page_token: string;
}

/** The body of every error answer of the platform. */
export interface PlatformErrorBody {
  readonly error: { readonly code: string; readonly message: string };
}
