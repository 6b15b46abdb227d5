import { createConnectQueryKey, useMutation } from "@connectrpc/connect-query";
import { useQueryClient } from "@tanstack/react-query";
import { AdjustStockRequestSchema, InventoryService, LedgerReason } from "@waybill/sdk/inventory";
import { type FormEvent, useState } from "react";
import { useAttemptKey } from "../../forms/attempt-key.js";
import { describeError, type ShownError } from "../../forms/describe-error.js";
import { type FieldErrors, fieldErrorsOf, noFieldErrors } from "../../forms/field-errors.js";
import { checkRequest } from "../../forms/validate-request.js";
import { useSignedIn } from "../../session/session-context.js";
import { Button, Card, ErrorBanner, Field, SelectField } from "../../ui/index.js";

const fields = { delta: "delta", reason: "reason", reference: "reference", sku: "delta", brand_id: "delta" };

/** Adds or removes units of an item with a reason (a restock or a correction), written to its ledger. */
export function AdjustStockForm({ brandId, sku }: { readonly brandId: string; readonly sku: string }) {
  const session = useSignedIn();
  const queryClient = useQueryClient();
  const [delta, setDelta] = useState("");
  const [reason, setReason] = useState<LedgerReason>(LedgerReason.RESTOCK);
  const [reference, setReference] = useState("");
  const [errors, setErrors] = useState<FieldErrors>(noFieldErrors);
  const [failure, setFailure] = useState<ShownError>();
  const adjust = useMutation(InventoryService.method.adjustStock);
  const attempt = useAttemptKey();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    const units = /^[+-]?\d{1,10}$/.test(delta.trim()) ? BigInt(delta.trim()) : undefined;
    const change = { brandId, sku, delta: units ?? 0n, reason, reference: reference.trim() };
    const checked = checkRequest(AdjustStockRequestSchema, { ...change, idempotencyKey: attempt.keyFor(change) });
    const violations = [
      ...(units === undefined ? [{ field: "delta", message: "enter a whole number, e.g. 10 or -2" }] : []),
      ...(checked.valid ? [] : checked.violations),
    ];
    setErrors(fieldErrorsOf(violations, fields));
    if (violations.length > 0 || !checked.valid) return;
    try {
      await adjust.mutateAsync(checked.message);
      attempt.settled();
      setDelta("");
      setReference("");
      await queryClient.invalidateQueries({
        queryKey: createConnectQueryKey({ schema: InventoryService, cardinality: undefined }),
      });
    } catch (thrown) {
      const shown = describeError(thrown, { role: session.role, action: "adjust stock" });
      setErrors(fieldErrorsOf(shown.violations, fields));
      setFailure(shown);
    }
  }

  return (
    <Card title="Adjust stock">
      <form className="stack" onSubmit={submit} aria-label="Adjust stock" noValidate>
        <ErrorBanner error={failure} extra={errors.unplaced} />
        <div className="row">
          <Field
            label="Units"
            name="delta"
            inputMode="numeric"
            value={delta}
            error={errors.byField.delta}
            hint="Positive adds, negative removes"
            onChange={(e) => setDelta(e.target.value)}
          />
          <SelectField
            label="Reason"
            name="reason"
            value={reason}
            error={errors.byField.reason}
            onChange={(e) => setReason(Number(e.target.value) as LedgerReason)}
          >
            <option value={LedgerReason.RESTOCK}>Restock</option>
            <option value={LedgerReason.ADJUSTMENT}>Adjustment (count, damage…)</option>
          </SelectField>
          <Field
            label="Reference"
            name="reference"
            value={reference}
            error={errors.byField.reference}
            hint="Delivery note, count id… (optional)"
            onChange={(e) => setReference(e.target.value)}
          />
        </div>
        <div>
          <Button type="submit" variant="primary" busy={adjust.isPending}>
            Apply
          </Button>
        </div>
      </form>
    </Card>
  );
}
