import type { FieldErrors } from "../../forms/field-errors.js";
import { Card, Field, SelectField } from "../../ui/index.js";
import { BrandPicker } from "../items/brand-picker.js";
import { type EntryKind, entryKinds } from "./entry-kind.js";

/** The feed's filters as typed: order and customer go to the server, kind and text narrow what came. */
export interface ActivityFilters {
  readonly orderId: string;
  readonly customerId: string;
  readonly kind: EntryKind | "";
  readonly text: string;
}

/** No filter. */
export const noActivityFilters: ActivityFilters = { orderId: "", customerId: "", kind: "", text: "" };

/**
 * The filters of the feed: the operator's brand, the order and customer the contract filters by
 * (marked when they break its rules), and the kind and text the page narrows by itself.
 */
export function ActivityFiltersCard({
  filters,
  errors,
  brand,
  onChange,
}: {
  readonly filters: ActivityFilters;
  readonly errors: FieldErrors;
  readonly brand: { readonly brandId: string; readonly canPick: boolean; pick(brandId: string): void };
  readonly onChange: (change: Partial<ActivityFilters>) => void;
}) {
  return (
    <Card>
      <div className="row">
        <BrandPicker
          brand={brand}
          error={errors.byField.brand}
          hint="Operators see the whole platform; pick a brand to narrow"
          onPicked={() => onChange({})}
        />
        <SelectField
          label="Kind"
          name="kind"
          value={filters.kind}
          onChange={(e) => onChange({ kind: e.target.value as EntryKind | "" })}
        >
          <option value="">Every kind</option>
          {entryKinds.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </SelectField>
        <Field
          label="Search"
          name="text"
          type="search"
          placeholder="Words or ids"
          value={filters.text}
          onChange={(e) => onChange({ text: e.target.value })}
        />
        <Field
          label="Order"
          name="orderId"
          placeholder="Order id"
          value={filters.orderId}
          error={errors.byField.order}
          onChange={(e) => onChange({ orderId: e.target.value })}
        />
        <Field
          label="Customer"
          name="customerId"
          placeholder="Customer id"
          value={filters.customerId}
          error={errors.byField.customer}
          onChange={(e) => onChange({ customerId: e.target.value })}
        />
      </div>
    </Card>
  );
}
