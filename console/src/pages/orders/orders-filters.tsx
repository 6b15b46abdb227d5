import type { FieldErrors } from "../../forms/field-errors.js";
import { Card, Field, SelectField } from "../../ui/index.js";
import { BrandPicker } from "../items/brand-picker.js";
import { listedStatuses, statusLabel } from "./order-status.js";

/** What the orders page filters by, as typed: a status (0 for any), a customer id, a day range. */
export interface OrderFilters {
  readonly status: number;
  readonly customerId: string;
  readonly from: string;
  readonly to: string;
}

/** No filter. */
export const noOrderFilters: OrderFilters = { status: 0, customerId: "", from: "", to: "" };

/**
 * The filters ListOrders offers (status, customer, placed between), the brand picker of an
 * operator, and the marks of the contract's rules on them. The board has a column per status and
 * lists without a day range, so it shows the brand and customer only.
 */
export function OrdersFilters({
  filters,
  errors,
  brand,
  board,
  onChange,
}: {
  readonly filters: OrderFilters;
  readonly errors: FieldErrors;
  readonly brand: { readonly brandId: string; readonly canPick: boolean; pick(brandId: string): void };
  readonly board: boolean;
  readonly onChange: (change: Partial<OrderFilters>) => void;
}) {
  return (
    <Card>
      <div className="row">
        <BrandPicker
          brand={brand}
          error={errors.byField.brand}
          hint="Operators see every brand; pick one to narrow the list"
          onPicked={() => onChange({})}
        />
        {!board && (
          <SelectField
            label="Status"
            name="status"
            value={filters.status}
            onChange={(e) => onChange({ status: Number(e.target.value) })}
          >
            <option value={0}>Any status</option>
            {listedStatuses.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </SelectField>
        )}
        <Field
          label="Customer"
          name="customer"
          placeholder="Customer id (UUID)"
          value={filters.customerId}
          error={errors.byField.customer}
          onChange={(e) => onChange({ customerId: e.target.value })}
        />
        {!board && (
          <>
            <Field
              label="Placed from"
              name="from"
              type="date"
              value={filters.from}
              error={errors.byField.from}
              onChange={(e) => onChange({ from: e.target.value })}
            />
            <Field
              label="Placed before"
              name="to"
              type="date"
              value={filters.to}
              error={errors.byField.to}
              onChange={(e) => onChange({ to: e.target.value })}
            />
          </>
        )}
      </div>
      {errors.unplaced.length > 0 && <p className="field-error">{errors.unplaced.join("; ")}</p>}
    </Card>
  );
}
