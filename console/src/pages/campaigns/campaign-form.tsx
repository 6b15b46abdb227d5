import { createConnectQueryKey, useMutation } from "@connectrpc/connect-query";
import { useQueryClient } from "@tanstack/react-query";
import {
  type Campaign,
  CampaignService,
  CreateCampaignRequestSchema,
  UpdateCampaignRequestSchema,
} from "@waybill/sdk/campaigns";
import { type FormEvent, useState } from "react";
import { useAttemptKey } from "../../forms/attempt-key.js";
import { describeError, type ShownError } from "../../forms/describe-error.js";
import { type FieldErrors, fieldErrorsOf, noFieldErrors, type PathViolation } from "../../forms/field-errors.js";
import { checkRequest } from "../../forms/validate-request.js";
import { useSignedIn } from "../../session/session-context.js";
import { Button, Card, ErrorBanner } from "../../ui/index.js";
import { parseBudget } from "./budget.js";
import { type CampaignDraft, draftOf, maskedValues, timestampOfLocal, updatePaths } from "./campaign-draft.js";
import { CampaignFields } from "./campaign-fields.js";
import { placeRangeViolations } from "./range-violation.js";

/** Form fields by the request paths they edit (both requests name them alike). */
const fields = {
  brand_id: "brand",
  name: "name",
  platform: "platform",
  budget: "budget",
  "budget.currency_code": "currency",
  start_time: "start",
  end_time: "end",
  status: "status",
  promo_code: "promoCode",
};

/**
 * Creates a campaign, or edits one (`campaign` given: only the changed fields, by an update mask).
 * The request is validated with the contract's rules before it is sent; the server's violations
 * mark the same fields.
 */
export function CampaignForm({
  brandId,
  campaign,
  onDone,
  onCancel,
}: {
  readonly brandId: string;
  readonly campaign?: Campaign | undefined;
  readonly onDone: (campaign: Campaign) => void;
  readonly onCancel: () => void;
}) {
  const session = useSignedIn();
  const queryClient = useQueryClient();
  const [initial] = useState(() => draftOf(campaign));
  const [draft, setDraft] = useState<CampaignDraft>(initial);
  const [errors, setErrors] = useState<FieldErrors>(noFieldErrors);
  const [failure, setFailure] = useState<ShownError>();
  const [unchanged, setUnchanged] = useState(false);
  const create = useMutation(CampaignService.method.createCampaign);
  const update = useMutation(CampaignService.method.updateCampaign);
  const attempt = useAttemptKey();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    setUnchanged(false);
    const local: PathViolation[] = [];
    const budget = parseBudget(draft.budget, draft.currency);
    if (!budget) local.push({ field: "budget", message: "enter an amount such as 1500.00" });
    const startTime = timestampOfLocal(draft.start);
    if (!startTime) local.push({ field: "start_time", message: "pick a start date and time" });
    const endTime = timestampOfLocal(draft.end);
    if (!endTime) local.push({ field: "end_time", message: "pick an end date and time" });
    const values = { name: draft.name.trim(), budget, startTime, endTime, status: draft.status };
    const promoCode = draft.promoCode.trim();
    let send: (() => Promise<{ campaign?: Campaign | undefined }>) | undefined;
    const violations = [...local];
    if (campaign) {
      const paths = updatePaths(initial, draft);
      if (paths.length === 0) {
        setErrors(noFieldErrors);
        setUnchanged(true);
        return;
      }
      const masked = maskedValues({ ...values, promoCode }, paths);
      const change = { campaignId: campaign.campaignId, ...masked, updateMask: { paths } };
      // The same change sent again (after an unknown outcome) keeps its key; see useAttemptKey.
      const checked = checkRequest(UpdateCampaignRequestSchema, { ...change, idempotencyKey: attempt.keyFor(change) });
      if (!checked.valid) violations.push(...checked.violations);
      else if (local.length === 0) send = () => update.mutateAsync(checked.message);
    } else {
      const change = { brandId, ...values, platform: draft.platform.trim(), promoCode };
      const checked = checkRequest(CreateCampaignRequestSchema, { ...change, idempotencyKey: attempt.keyFor(change) });
      if (!checked.valid) violations.push(...checked.violations);
      else if (local.length === 0) send = () => create.mutateAsync(checked.message);
    }
    setErrors(fieldErrorsOf(placeRangeViolations(violations), fields));
    if (!send) return;
    try {
      const saved = (await send()).campaign;
      attempt.settled();
      await queryClient.invalidateQueries({
        queryKey: createConnectQueryKey({ schema: CampaignService, cardinality: undefined }),
      });
      if (saved) onDone(saved);
    } catch (thrown) {
      const shown = describeError(thrown, {
        role: session.role,
        action: campaign ? "edit campaigns" : "create campaigns",
        conflictField: "promo_code",
      });
      setErrors(fieldErrorsOf(placeRangeViolations(shown.violations), fields));
      setFailure(shown);
    }
  }

  const label = campaign ? "Edit campaign" : "New campaign";
  return (
    <Card title={campaign ? `Edit ${campaign.name}` : "New campaign"}>
      <form className="stack" onSubmit={submit} aria-label={label} noValidate>
        <ErrorBanner error={failure} extra={errors.unplaced} />
        {errors.byField.brand && (
          <ErrorBanner error={{ title: "Brand", detail: errors.byField.brand, violations: [] }} />
        )}
        {unchanged && <p className="muted">Nothing changed: there is nothing to save.</p>}
        <CampaignFields
          draft={draft}
          errors={errors.byField}
          editing={campaign}
          onChange={(change) => setDraft((current) => ({ ...current, ...change }))}
        />
        <div className="row">
          <Button type="submit" variant="primary" busy={create.isPending || update.isPending}>
            {campaign ? "Save" : "Create campaign"}
          </Button>
          <Button variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    </Card>
  );
}
