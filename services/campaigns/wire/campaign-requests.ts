import type {
  CreateCampaignRequest,
  UpdateCampaignRequest,
} from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
import { DomainError } from "../../kit/errors/index.js";
import { optionalDate } from "../../kit/wire/index.js";
import type { CampaignUpdateInput, NewCampaign } from "../domain/index.js";
import { platformStatusName, statusName } from "./campaign-status-values.js";

/**
 * The campaign a CreateCampaign request asks for; an unspecified status is DRAFT. The validation
 * interceptor already requires the budget and both times; their absence here is INVALID_ARGUMENT.
 */
export function newCampaignOf(request: CreateCampaignRequest): NewCampaign {
  const { budget } = request;
  const startAt = optionalDate(request.startTime);
  const endAt = optionalDate(request.endTime);
  if (!budget || !startAt || !endAt)
    throw new DomainError("invalid_argument", "budget, start_time and end_time are required");
  return {
    brandId: request.brandId,
    name: request.name,
    platform: request.platform,
    currencyCode: budget.currencyCode,
    budgetMinor: Number(budget.minorUnits),
    startAt,
    endAt,
    status: platformStatusName(request.status) ?? "draft",
    promoCode: request.promoCode,
    idempotencyKey: request.idempotencyKey,
  };
}

/** The changes an UpdateCampaign request asks for; only the fields its mask names are read. */
export function campaignUpdateOf(request: UpdateCampaignRequest): CampaignUpdateInput {
  return {
    paths: request.updateMask?.paths ?? [],
    name: request.name,
    budget: request.budget
      ? { currencyCode: request.budget.currencyCode, minorUnits: Number(request.budget.minorUnits) }
      : undefined,
    startAt: optionalDate(request.startTime),
    endAt: optionalDate(request.endTime),
    status: statusName(request.status),
    promoCode: request.promoCode,
  };
}
