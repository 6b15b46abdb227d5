import { type Campaign, CampaignStatus } from "@waybill/sdk/campaigns";
import { Field, SelectField } from "../../ui/index.js";
import type { CampaignDraft } from "./campaign-draft.js";
import { settableStatuses, statusBadge } from "./campaign-status.js";

/** The inputs of a campaign's form; `editing` hides what cannot change (the platform, an archived status). */
export function CampaignFields({
  draft,
  errors,
  editing,
  onChange,
}: {
  readonly draft: CampaignDraft;
  readonly errors: Readonly<Record<string, string>>;
  readonly editing: Campaign | undefined;
  readonly onChange: (change: Partial<CampaignDraft>) => void;
}) {
  const archived = editing?.status === CampaignStatus.ARCHIVED;
  return (
    <>
      <div className="row">
        <Field
          label="Name"
          name="name"
          value={draft.name}
          error={errors.name}
          onChange={(e) => onChange({ name: e.target.value })}
        />
        {!editing && (
          <Field
            label="Platform"
            name="platform"
            value={draft.platform}
            error={errors.platform}
            hint="One of the ad platforms configured on the server"
            onChange={(e) => onChange({ platform: e.target.value })}
          />
        )}
        <Field
          label="Promo code"
          name="promoCode"
          value={draft.promoCode}
          error={errors.promoCode}
          hint="Optional; orders placed with it count in the stats"
          onChange={(e) => onChange({ promoCode: e.target.value })}
        />
      </div>
      <div className="row">
        <Field
          label="Budget"
          name="budget"
          inputMode="decimal"
          value={draft.budget}
          error={errors.budget}
          onChange={(e) => onChange({ budget: e.target.value })}
        />
        <Field
          label="Currency"
          name="currency"
          value={draft.currency}
          maxLength={3}
          error={errors.currency}
          onChange={(e) => onChange({ currency: e.target.value })}
        />
        <SelectField
          label="Status"
          name="status"
          value={String(draft.status)}
          error={errors.status}
          disabled={archived}
          hint={archived ? "An archived campaign's status is final" : undefined}
          onChange={(e) => onChange({ status: Number(e.target.value) as CampaignStatus })}
        >
          {(archived ? [CampaignStatus.ARCHIVED] : settableStatuses(editing?.status)).map((status) => (
            <option key={status} value={String(status)}>
              {statusBadge(status).label}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="row">
        <Field
          label="Start"
          name="start"
          type="datetime-local"
          value={draft.start}
          error={errors.start}
          onChange={(e) => onChange({ start: e.target.value })}
        />
        <Field
          label="End"
          name="end"
          type="datetime-local"
          value={draft.end}
          error={errors.end}
          onChange={(e) => onChange({ end: e.target.value })}
        />
      </div>
    </>
  );
}
