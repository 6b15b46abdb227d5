import { CourierAvailability, CourierKind } from "@waybill/sdk/fleet";
import type { FieldErrors } from "../../forms/field-errors.js";
import { Field, SelectField } from "../../ui/index.js";
import { type CourierDraft, withKind } from "./courier-draft.js";
import { availabilityLabels, kindLabels } from "./fleet-labels.js";

/** The fields of a courier registration, each with its error; `onChange` gets the whole new draft. */
export function CourierFields({
  draft,
  errors,
  onChange,
}: {
  readonly draft: CourierDraft;
  readonly errors: FieldErrors;
  readonly onChange: (draft: CourierDraft) => void;
}) {
  const set = (patch: Partial<CourierDraft>) => onChange({ ...draft, ...patch });
  return (
    <div className="row">
      <SelectField
        label="Kind"
        name="kind"
        value={draft.kind}
        error={errors.byField.kind}
        onChange={(e) => onChange(withKind(draft, Number(e.target.value) as CourierKind))}
      >
        {[CourierKind.DRONE, CourierKind.RIDER].map((k) => (
          <option key={k} value={k}>
            {kindLabels[k]}
          </option>
        ))}
      </SelectField>
      <Field
        label="Name"
        name="name"
        value={draft.name}
        error={errors.byField.name}
        onChange={(e) => set({ name: e.target.value })}
      />
      <Field
        label="Zone"
        name="zone"
        value={draft.zone}
        error={errors.byField.zone}
        hint="e.g. berlin-mitte"
        onChange={(e) => set({ zone: e.target.value })}
      />
      <Field
        label="Capacity"
        name="capacity"
        inputMode="numeric"
        value={draft.capacity}
        error={errors.byField.capacity}
        hint={draft.kind === CourierKind.DRONE ? "A drone carries one order" : "Orders carried at once, 1 to 20"}
        onChange={(e) => set({ capacity: e.target.value })}
      />
      <SelectField
        label="Availability"
        name="availability"
        value={draft.availability}
        error={errors.byField.availability}
        onChange={(e) => set({ availability: Number(e.target.value) as CourierAvailability })}
      >
        {[CourierAvailability.ONLINE, CourierAvailability.OFFLINE, CourierAvailability.MAINTENANCE].map((a) => (
          <option key={a} value={a}>
            {availabilityLabels[a]}
          </option>
        ))}
      </SelectField>
      <Field
        label="Courier id"
        name="courierId"
        value={draft.courierId}
        error={errors.byField.courierId}
        hint="Optional UUID: a rider's token subject"
        onChange={(e) => set({ courierId: e.target.value })}
      />
    </div>
  );
}
