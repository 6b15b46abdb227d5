import type { PlatformErrorBody } from "../platform/index.js";
import type { SimulatorStore } from "./simulator-store.js";
import { checkCampaignInput, checkCampaignPatch } from "./validate-campaign.js";

/** A request to the simulated API, already parsed. */
export interface ApiRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  /** The JSON body, or undefined. */
  readonly body: unknown;
  readonly idempotencyKey: string | undefined;
}

/** An answer of the simulated API. */
export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** An error answer in the platform's format. */
export function errorReply(
  status: number,
  code: string,
  message: string,
  headers?: Readonly<Record<string, string>>,
): Reply {
  const body: PlatformErrorBody = { error: { code, message } };
  return { status, body, ...(headers ? { headers } : {}) };
}

/**
 * The platform's campaign API:
 * - `POST /v1/campaigns` creates (201; a repeated `Idempotency-Key` answers the first campaign, a
 *   reused one with another body 409);
 * - `GET /v1/campaigns?advertiser_id=&page_size=&page_token=` lists in creation order;
 * - `GET`, `PATCH` and `DELETE /v1/campaigns/{id}` read, change and delete one (404 when unknown).
 * Invalid bodies are 400 with a message naming the field.
 */
export function handleApiRequest(store: SimulatorStore, request: ApiRequest): Reply {
  const match = /^\/v1\/campaigns(?:\/([^/]+))?\/?$/.exec(request.path);
  if (!match) return errorReply(404, "not_found", `no route ${request.path}`);
  const id = match[1] ? decodeURIComponent(match[1]) : undefined;
  if (!id) {
    if (request.method === "GET") {
      const pageSize = Number(request.query.get("page_size") ?? "50");
      if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100)
        return errorReply(400, "invalid", "page_size must be from 1 to 100");
      const advertiserId = request.query.get("advertiser_id") ?? undefined;
      const pageToken = request.query.get("page_token") ?? undefined;
      return {
        status: 200,
        body: store.list({ pageSize, ...(advertiserId ? { advertiserId } : {}), ...(pageToken ? { pageToken } : {}) }),
      };
    }
    if (request.method !== "POST")
      return errorReply(405, "method_not_allowed", `${request.method} is not allowed here`);
    const checked = checkCampaignInput(request.body);
    if (!checked.ok) return errorReply(400, "invalid", checked.message);
    const outcome = store.create(checked.value, request.idempotencyKey);
    if ("conflict" in outcome)
      return errorReply(409, "idempotency_conflict", "the Idempotency-Key was used for another campaign");
    return {
      status: 201,
      body: outcome.campaign,
      ...(outcome.replayed ? { headers: { "idempotent-replayed": "true" } } : {}),
    };
  }
  switch (request.method) {
    case "GET": {
      const campaign = store.get(id);
      return campaign ? { status: 200, body: campaign } : errorReply(404, "not_found", `no campaign ${id}`);
    }
    case "PATCH": {
      const checked = checkCampaignPatch(request.body);
      if (!checked.ok) return errorReply(400, "invalid", checked.message);
      const updated = store.update(id, checked.value);
      if (updated === undefined) return errorReply(404, "not_found", `no campaign ${id}`);
      return typeof updated === "string" ? errorReply(400, "invalid", updated) : { status: 200, body: updated };
    }
    case "DELETE":
      return store.remove(id) ? { status: 204 } : errorReply(404, "not_found", `no campaign ${id}`);
    default:
      return errorReply(405, "method_not_allowed", `${request.method} is not allowed here`);
  }
}
