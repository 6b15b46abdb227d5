import { createConnectQueryKey, useMutation } from "@connectrpc/connect-query";
import { useQueryClient } from "@tanstack/react-query";
import { CreateItemRequestSchema, InventoryService, type Item, UpdateItemRequestSchema } from "@waybill/sdk/inventory";
import { type FormEvent, useState } from "react";
import { useAttemptKey } from "../../forms/attempt-key.js";
import { describeError, type ShownError } from "../../forms/describe-error.js";
import { type FieldErrors, fieldErrorsOf, noFieldErrors, type PathViolation } from "../../forms/field-errors.js";
import { checkRequest } from "../../forms/validate-request.js";
import { useSignedIn } from "../../session/session-context.js";
import { Button, Card, ErrorBanner, Field } from "../../ui/index.js";
import { parseMinorUnits } from "./money.js";

/** Form fields by the request paths they edit (both requests name them alike). */
const fields = {
  brand_id: "brand",
  sku: "sku",
  name: "name",
  unit_price: "price",
  "unit_price.currency_code": "currency",
  low_stock_threshold: "threshold",
};

const updateMask = { paths: ["name", "unit_price", "low_stock_threshold"] };

/**
 * Adds a checked request's violations to `violations`, and answers the call that sends it when
 * there are none at all.
 */
function prepare<M, R>(
  checked:
    | { readonly valid: true; readonly message: M }
    | { readonly valid: false; readonly violations: readonly PathViolation[] },
  violations: PathViolation[],
  call: (message: M) => Promise<R>,
): (() => Promise<R>) | undefined {
  if (!checked.valid) violations.push(...checked.violations);
  if (violations.length > 0 || !checked.valid) return undefined;
  const { message } = checked;
  return () => call(message);
}

/**
 * Creates an item, or edits one (`item` given: name, price and threshold, by an update mask).
 * The request is validated with the contract's rules before it is sent; the server's violations
 * mark the same fields.
 */
export function ItemForm({
  brandId,
  item,
  onDone,
  onCancel,
}: {
  readonly brandId: string;
  readonly item?: Item | undefined;
  readonly onDone: (item: Item) => void;
  readonly onCancel: () => void;
}) {
  const session = useSignedIn();
  const queryClient = useQueryClient();
  const [sku, setSku] = useState(item?.sku ?? "");
  const [name, setName] = useState(item?.name ?? "");
  const [price, setPrice] = useState(item?.unitPrice ? (Number(item.unitPrice.minorUnits) / 100).toFixed(2) : "");
  const [currency, setCurrency] = useState(item?.unitPrice?.currencyCode ?? "EUR");
  const [threshold, setThreshold] = useState(String(item?.lowStockThreshold ?? 5n));
  const [errors, setErrors] = useState<FieldErrors>(noFieldErrors);
  const [failure, setFailure] = useState<ShownError>();
  const create = useMutation(InventoryService.method.createItem);
  const update = useMutation(InventoryService.method.updateItem);
  const attempt = useAttemptKey();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    const local: PathViolation[] = [];
    const minorUnits = parseMinorUnits(price);
    if (minorUnits === undefined) local.push({ field: "unit_price", message: "enter a price such as 12.50" });
    const lowStock = /^\d{1,10}$/.test(threshold.trim()) ? BigInt(threshold.trim()) : undefined;
    if (lowStock === undefined) local.push({ field: "low_stock_threshold", message: "enter a whole number of units" });
    const change = {
      brandId,
      name: name.trim(),
      unitPrice: { currencyCode: currency.trim().toUpperCase(), minorUnits: minorUnits ?? 0n },
      lowStockThreshold: lowStock ?? 0n,
    };
    // The same change sent again (after an unknown outcome) keeps its key; see useAttemptKey.
    const common = { ...change, idempotencyKey: attempt.keyFor({ ...change, sku: item?.sku ?? sku.trim() }) };
    const violations = [...local];
    // UpdateItem's rules allow an empty name (unchanged without a mask); this form always sends one.
    if (item && !common.name) violations.push({ field: "name", message: "a name is required" });
    const send = item
      ? prepare(checkRequest(UpdateItemRequestSchema, { ...common, sku: item.sku, updateMask }), violations, (m) =>
          update.mutateAsync(m),
        )
      : prepare(checkRequest(CreateItemRequestSchema, { ...common, sku: sku.trim() }), violations, (m) =>
          create.mutateAsync(m),
        );
    setErrors(fieldErrorsOf(violations, fields));
    if (!send) return;
    try {
      const saved = (await send()).item;
      attempt.settled();
      await queryClient.invalidateQueries({
        queryKey: createConnectQueryKey({ schema: InventoryService, cardinality: undefined }),
      });
      if (saved) onDone(saved);
    } catch (thrown) {
      const shown = describeError(thrown, {
        role: session.role,
        action: item ? "edit items" : "create items",
        conflictField: "sku",
      });
      setErrors(fieldErrorsOf(shown.violations, fields));
      setFailure(shown);
    }
  }

  return (
    <Card title={item ? `Edit ${item.sku}` : "New item"}>
      <form className="stack" onSubmit={submit} aria-label={item ? "Edit item" : "New item"} noValidate>
        <ErrorBanner error={failure} extra={errors.unplaced} />
        {errors.byField.brand && (
          <ErrorBanner error={{ title: "Brand", detail: errors.byField.brand, violations: [] }} />
        )}
        <div className="row">
          {!item && (
            <Field
              label="SKU"
              name="sku"
              value={sku}
              error={errors.byField.sku}
              onChange={(e) => setSku(e.target.value)}
            />
          )}
          <Field
            label="Name"
            name="name"
            value={name}
            error={errors.byField.name}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <div className="row">
          <Field
            label="Unit price"
            name="price"
            inputMode="decimal"
            value={price}
            error={errors.byField.price}
            onChange={(e) => setPrice(e.target.value)}
          />
          <Field
            label="Currency"
            name="currency"
            value={currency}
            maxLength={3}
            error={errors.byField.currency}
            onChange={(e) => setCurrency(e.target.value)}
          />
          <Field
            label="Low-stock threshold"
            name="threshold"
            inputMode="numeric"
            value={threshold}
            error={errors.byField.threshold}
            hint="Low-stock badge and mail at or below this many available"
            onChange={(e) => setThreshold(e.target.value)}
          />
        </div>
        <div className="row">
          <Button type="submit" variant="primary" busy={create.isPending || update.isPending}>
            {item ? "Save" : "Create item"}
          </Button>
          <Button variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    </Card>
  );
}
