import { useMutation } from "@connectrpc/connect-query";
import { stockShortageOf, waybillErrorOf } from "@waybill/sdk";
import { type Order, OrderService, PlaceOrderRequestSchema } from "@waybill/sdk/orders";
import { type FormEvent, useState } from "react";
import { useAttemptKey } from "../../../forms/attempt-key.js";
import { describeError, type ShownError } from "../../../forms/describe-error.js";
import { type FieldErrors, fieldErrorsOf, noFieldErrors } from "../../../forms/field-errors.js";
import { checkRequest } from "../../../forms/validate-request.js";
import { useSignedIn } from "../../../session/session-context.js";
import { Button, Card, ErrorBanner, Field } from "../../../ui/index.js";
import { AddressFields } from "./address-fields.js";
import { type Shortage, shortagesByLine } from "./line-shortages.js";
import { draftRequest, emptyDraft, type OrderDraft, orderFieldMap } from "./order-draft.js";
import { OrderLinesFields } from "./order-lines-fields.js";

// Answers that settle a request for good: sending it again must be a new request (a new key),
// or a shortage refused once would be replayed even after a restock. A lost answer keeps its key.
const definiteFailures: ReadonlySet<string> = new Set(["stock-shortage", "invalid", "permission-denied", "not-found"]);

/**
 * The order form: lines of SKU and quantity, the delivery zone and address, an optional promo
 * code; checked with the contract's rules before PlaceOrder is sent (a broken rule marks its
 * field), and a stock shortage named on the line of each short SKU. `fixed` holds what the role
 * decides (a customer orders for themselves, a partner for its brand): those fields are not shown.
 */
export function OrderForm({
  fixed,
  initialBrandId = "",
  onPlaced,
}: {
  readonly fixed: { readonly brandId?: string; readonly customerId?: string };
  readonly initialBrandId?: string;
  readonly onPlaced: (order: Order) => void;
}) {
  const session = useSignedIn();
  const [draft, setDraft] = useState<OrderDraft>({ ...emptyDraft, brandId: initialBrandId });
  const [errors, setErrors] = useState<FieldErrors>(noFieldErrors);
  const [shortages, setShortages] = useState<readonly Shortage[]>([]);
  const [failure, setFailure] = useState<ShownError>();
  const place = useMutation(OrderService.method.placeOrder);
  const attempt = useAttemptKey();
  const edit = (change: Partial<OrderDraft>) => setDraft((current) => ({ ...current, ...change }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    setShortages([]);
    const fields = orderFieldMap(draft.lines.length);
    const { init, violations } = draftRequest({
      ...draft,
      brandId: fixed.brandId ?? draft.brandId,
      customerId: fixed.customerId ?? draft.customerId,
    });
    const checked = checkRequest(PlaceOrderRequestSchema, { ...init, idempotencyKey: attempt.keyFor(init) });
    const all = [...violations, ...(checked.valid ? [] : checked.violations)];
    const found = fieldErrorsOf(all, fields);
    setErrors(found);
    if (all.length > 0 || !checked.valid) return;
    try {
      const { order } = await place.mutateAsync(checked.message);
      attempt.settled();
      if (order) onPlaced(order);
    } catch (thrown) {
      if (definiteFailures.has(waybillErrorOf(thrown).kind)) attempt.settled();
      const shown = describeError(thrown, { role: session.role, action: "place this order" });
      setShortages(stockShortageOf(thrown) ?? []);
      setErrors(fieldErrorsOf(shown.violations, fields));
      setFailure(shown);
    }
  }

  return (
    <Card>
      <form className="stack order-form" aria-label="New order" onSubmit={submit} noValidate>
        <ErrorBanner error={failure} extra={errors.unplaced} onDismiss={() => setFailure(undefined)} />
        {errors.unplaced.length > 0 && !failure && (
          <ErrorBanner error={{ title: "Some fields need attention", violations: [] }} extra={errors.unplaced} />
        )}
        <div className="row order-form-head">
          {fixed.brandId === undefined && (
            <Field
              label="Brand"
              name="brand"
              value={draft.brandId}
              error={errors.byField.brand}
              onChange={(event) => edit({ brandId: event.target.value })}
            />
          )}
          {fixed.customerId === undefined && (
            <Field
              label="Customer id"
              name="customer"
              className="order-form-customer"
              value={draft.customerId}
              placeholder="UUID"
              error={errors.byField.customer}
              onChange={(event) => edit({ customerId: event.target.value })}
            />
          )}
          <Field
            label="Delivery zone"
            name="zone"
            value={draft.deliveryZone}
            hint="A zone Fleet serves, e.g. berlin-mitte"
            error={errors.byField.zone}
            onChange={(event) => edit({ deliveryZone: event.target.value })}
          />
          <Field
            label="Promo code"
            name="promo-code"
            value={draft.promoCode}
            hint="Optional: a campaign's code"
            error={errors.byField["promo-code"]}
            onChange={(event) => edit({ promoCode: event.target.value })}
          />
        </div>
        <OrderLinesFields
          lines={draft.lines}
          errors={errors.byField}
          shortages={shortagesByLine(draft.lines, shortages)}
          onChange={(lines) => edit({ lines })}
        />
        <AddressFields address={draft.address} errors={errors.byField} onChange={(address) => edit({ address })} />
        <div>
          <Button type="submit" variant="primary" busy={place.isPending}>
            Place order
          </Button>
        </div>
      </form>
    </Card>
  );
}
