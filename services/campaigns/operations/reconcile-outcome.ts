import { create } from "@bufbuild/protobuf";
import {
  type CampaignChange,
  CampaignChangeSchema,
  ReconcileAction,
} from "@waybill/contracts/waybill/campaigns/v1/campaigns_pb.js";
import type { PlatformFieldName } from "../domain/index.js";

/** What reconciling one campaign came to. */
export type ReconcileOutcome =
  /** In line with the platform; left alone. */
  | { readonly kind: "unchanged" }
  /** Changed while the reconcile ran; left to the next one. */
  | { readonly kind: "skipped" }
  /** Imported, updated, pushed, archived or failed. */
  | { readonly kind: "changed"; readonly change: CampaignChange };

/** Who a change is about. */
export interface ChangeSubject {
  readonly campaignId: string;
  readonly brandId: string;
  readonly platformCampaignId: string;
}

/** A change other than a failure, with the fields it concerns. */
export function changed(
  subject: ChangeSubject,
  action: ReconcileAction,
  fields: readonly PlatformFieldName[] = [],
): ReconcileOutcome {
  return { kind: "changed", change: create(CampaignChangeSchema, { ...subject, action, changedFields: [...fields] }) };
}

/** A campaign that could not be reconciled, and why. */
export function failed(subject: ChangeSubject, error: string): ReconcileOutcome {
  return {
    kind: "changed",
    change: create(CampaignChangeSchema, { ...subject, action: ReconcileAction.FAILED, error }),
  };
}
