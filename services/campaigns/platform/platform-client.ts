import ky, { HTTPError, type KyInstance, type Options, TimeoutError } from "ky";
import type { Logger } from "pino";
import type {
  PlatformCampaign,
  PlatformCampaignInput,
  PlatformCampaignPage,
  PlatformCampaignPatch,
  PlatformErrorBody,
} from "./platform-campaign.js";
import { PlatformError } from "./platform-error.js";

/** Options of {@link createPlatformClient}. */
export interface PlatformClientOptions {
  /** Name of the platform, as campaigns name it (e.g. `megaphone`). */
  readonly name: string;
  /** Base URL of its API; a function, so an in-process simulator may pick its port at start. */
  readonly baseUrl: () => string;
  /** Longest wait for one attempt's answer (`PLATFORM_TIMEOUT_MS`). */
  readonly timeoutMs: number;
  /** Retries after the first attempt (`PLATFORM_RETRIES`). */
  readonly retries: number;
  /** Pause before the first retry, doubled for each further one (`PLATFORM_BACKOFF_MS`). */
  readonly backoffMs: number;
  readonly logger: Logger;
}

/** Query of one page of the platform's campaigns. */
export interface PlatformListQuery {
  /** Only the campaigns of this advertiser (brand). */
  readonly advertiserId?: string;
  readonly pageToken?: string;
  readonly pageSize?: number;
}

/** The ad platform's REST API, with timeouts, retries and error mapping. */
export interface PlatformClient {
  readonly name: string;
  /** Creates a campaign; `idempotencyKey` makes a retried create return the first one. */
  create(input: PlatformCampaignInput, idempotencyKey: string, signal?: AbortSignal): Promise<PlatformCampaign>;
  /** Changes fields of a campaign. */
  update(id: string, patch: PlatformCampaignPatch, signal?: AbortSignal): Promise<PlatformCampaign>;
  /** Deletes a campaign; false when the platform no longer had it. */
  remove(id: string, signal?: AbortSignal): Promise<boolean>;
  /** One page of campaigns, oldest first. */
  list(query: PlatformListQuery, signal?: AbortSignal): Promise<PlatformCampaignPage>;
  /** Every page of campaigns (of one advertiser when given). */
  listAll(advertiserId?: string, signal?: AbortSignal): Promise<PlatformCampaign[]>;
}

/** Statuses worth another attempt: timeouts, rate limits and server errors. */
const retryStatuses = [408, 429, 500, 502, 503, 504];
/** The longest Retry-After honoured; a longer one is shortened to this. */
const maxRetryAfterMs = 30_000;
/** The longest pause between attempts when the platform says nothing. */
const maxBackoffMs = 10_000;
/** Campaigns per listed page. */
const listPageSize = 100;

/**
 * A client of an ad platform's campaign API (see `simulator/` for the API itself).
 *
 * Every call gets `timeoutMs` per attempt and up to `retries` more attempts with exponential
 * backoff and jitter, on timeouts, lost connections, 408, 429 and 5xx. A 429 or 503 carrying
 * Retry-After waits as long as it says (at most 30 s). POST is retried too: creates carry an
 * `Idempotency-Key`, so the platform answers a retry with the campaign the first attempt made.
 * Failures are {@link PlatformError}s whose messages name the platform and what happened, never
 * a URL or a stack.
 *
 * @example
 * const megaphone = createPlatformClient({ name: "megaphone", baseUrl: () => url, timeoutMs: 5_000, retries: 2, backoffMs: 300, logger });
 * const created = await megaphone.create(input, campaignId);
 */
export function createPlatformClient(options: PlatformClientOptions): PlatformClient {
  const { name, logger } = options;
  const api: KyInstance = ky.create({
    timeout: options.timeoutMs,
    retry: {
      limit: options.retries,
      methods: ["get", "post", "patch", "delete"],
      statusCodes: retryStatuses,
      afterStatusCodes: [429, 503],
      maxRetryAfter: maxRetryAfterMs,
      backoffLimit: maxBackoffMs,
      delay: (attempt) => options.backoffMs * 2 ** (attempt - 1),
      jitter: (delay) => delay * (0.5 + Math.random() * 0.5),
      retryOnTimeout: true,
    },
  });

  async function call<T>(
    action: string,
    path: string,
    init: Options,
    read: (response: Response) => Promise<T>,
  ): Promise<T> {
    let attempts = 1;
    const hooks: Options["hooks"] = {
      beforeRetry: [
        ({ error, retryCount }) => {
          attempts = retryCount + 1;
          logger.warn(
            { platform: name, action, attempt: attempts, reason: reasonOf(error) },
            "platform call failed; retrying",
          );
        },
      ],
    };
    try {
      const response = await api(`${options.baseUrl()}${path}`, { ...init, hooks });
      return await read(response);
    } catch (error) {
      throw await toPlatformError(error, action, attempts);
    }
  }

  async function toPlatformError(error: unknown, action: string, attempts: number): Promise<PlatformError> {
    const tries = attempts === 1 ? "1 attempt" : `${attempts} attempts`;
    if (error instanceof HTTPError) {
      const status = error.response.status;
      const detail = await errorMessage(error.response);
      if (status === 404)
        return new PlatformError("not_found", name, `the ad platform ${name} has no such campaign`, status);
      if (status === 409)
        return new PlatformError(
          "conflict",
          name,
          `the ad platform ${name} refused the ${action} as a conflict (${detail})`,
          status,
        );
      if (retryStatuses.includes(status))
        return new PlatformError(
          "unavailable",
          name,
          `the ad platform ${name} answered ${status} to the ${action} after ${tries}`,
          status,
        );
      return new PlatformError(
        "rejected",
        name,
        `the ad platform ${name} refused the ${action} with ${status} (${detail})`,
        status,
      );
    }
    if (error instanceof TimeoutError) {
      return new PlatformError(
        "unavailable",
        name,
        `the ad platform ${name} did not answer the ${action} within ${options.timeoutMs} ms in ${tries}`,
      );
    }
    if (error instanceof Error && error.name === "AbortError") {
      return new PlatformError("aborted", name, `the ${action} on the ad platform ${name} was abandoned`);
    }
    logger.debug({ err: error, platform: name, action }, "platform call failed");
    return new PlatformError(
      "unavailable",
      name,
      `the ad platform ${name} could not be reached for the ${action} in ${tries}`,
    );
  }

  const json = <T>(response: Response) => response.json() as Promise<T>;
  const campaignPath = (id: string) => `/v1/campaigns/${encodeURIComponent(id)}`;

  const client: PlatformClient = {
    name,
    create: (input, idempotencyKey, signal) =>
      call(
        "create",
        "/v1/campaigns",
        { method: "post", json: input, headers: { "idempotency-key": idempotencyKey }, ...(signal ? { signal } : {}) },
        json<PlatformCampaign>,
      ),
    update: (id, patch, signal) =>
      call(
        "update",
        campaignPath(id),
        { method: "patch", json: patch, ...(signal ? { signal } : {}) },
        json<PlatformCampaign>,
      ),
    async remove(id, signal) {
      try {
        return await call(
          "delete",
          campaignPath(id),
          { method: "delete", ...(signal ? { signal } : {}) },
          async () => true,
        );
      } catch (error) {
        if (error instanceof PlatformError && error.kind === "not_found") return false;
        throw error;
      }
    },
    list(query, signal) {
      const searchParams: Record<string, string> = { page_size: String(query.pageSize ?? listPageSize) };
      if (query.advertiserId) searchParams.advertiser_id = query.advertiserId;
      if (query.pageToken) searchParams.page_token = query.pageToken;
      return call(
        "listing",
        "/v1/campaigns",
        { method: "get", searchParams, ...(signal ? { signal } : {}) },
        json<PlatformCampaignPage>,
      );
    },
    async listAll(advertiserId, signal) {
      const campaigns: PlatformCampaign[] = [];
      let pageToken = "";
      do {
        const page = await client.list({ ...(advertiserId ? { advertiserId } : {}), pageToken }, signal);
        campaigns.push(...page.campaigns);
        pageToken = page.next_page_token;
      } while (pageToken);
      return campaigns;
    },
  };
  return client;
}

/** The platform's own error message, without anything that reads like a colon-separated internal. */
async function errorMessage(response: Response): Promise<string> {
  const body = (await response.json().catch(() => undefined)) as Partial<PlatformErrorBody> | undefined;
  const message = body?.error?.message ?? response.statusText ?? "no reason given";
  return message
    .replace(/[:/,?]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 200);
}

/** A short reason for a failed attempt, for the retry log. */
function reasonOf(error: unknown): string {
  if (error instanceof HTTPError) return `status ${error.response.status}`;
  if (error instanceof Error)
    return error.name === "TypeError" && error.cause instanceof Error ? error.cause.message : error.message;
  return String(error);
}
