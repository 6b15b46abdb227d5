import { defineSettings, integer, namedUrls } from "../kit/config/index.js";
import { defaultPlatform } from "./domain/index.js";

/** Campaigns' settings: its ad platforms (or the simulator), how their calls are retried, the reconciler. */
export const campaignsSettings = defineSettings(
  {
    PLATFORM_URL: namedUrls(defaultPlatform, ["http:", "https:"])({
      devDefault: undefined,
      desc: `the ad platform ${defaultPlatform}, or several as ${defaultPlatform}=https://…,blare=https://…; unset, the platform simulator runs in process`,
    }),
    PLATFORM_TIMEOUT_MS: integer(
      10,
      600_000,
    )({ default: 5_000, desc: "longest wait for one attempt of an ad-platform call" }),
    PLATFORM_RETRIES: integer(
      0,
      10,
    )({
      default: 2,
      desc: "retries of a platform call after timeouts, lost connections, 429 and 5xx",
    }),
    PLATFORM_BACKOFF_MS: integer(
      0,
      60_000,
    )({
      default: 300,
      desc: "pause before the first retry, doubling with jitter (a 429/503 Retry-After wins, at most 30 s)",
    }),
    PLATFORM_LEASE_MS: integer(
      1_000,
      3_600_000,
    )({
      default: 30_000,
      desc: "how long a campaign (or the reconcile) stays claimed for one platform call, which is abandoned after three quarters of it; a replica that died mid-call frees the campaign when it ends",
    }),
    RECONCILE_INTERVAL_MS: integer(
      0,
      86_400_000,
    )({
      default: 60_000,
      desc: "how often the campaign reconciler runs (on one replica at a time); 0 only on ReconcileCampaigns",
    }),
  },
  (values) => ({
    platformUrls: values.PLATFORM_URL ?? {},
    platformSimulator: values.PLATFORM_URL === undefined,
    platformTimeoutMs: values.PLATFORM_TIMEOUT_MS,
    platformRetries: values.PLATFORM_RETRIES,
    platformBackoffMs: values.PLATFORM_BACKOFF_MS,
    platformLeaseMs: values.PLATFORM_LEASE_MS,
    reconcileIntervalMs: values.RECONCILE_INTERVAL_MS,
  }),
);

/** Campaigns' settings, as read. */
export type CampaignsSettings = ReturnType<typeof campaignsSettings.read>;
