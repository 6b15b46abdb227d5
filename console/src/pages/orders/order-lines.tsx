import { useMutation } from "@connectrpc/connect-query";
import { type Order, type OrderLine, OrderService, ReturnOrderLinesRequestSchema } from "@waybill/sdk/orders";
import { type FormEvent, useState } from "react";
import { useAttemptKey } from "../../forms/attempt-key.js";
import { describeError, type ShownError } from "../../forms/describe-error.js";
import { checkRequest } from "../../forms/validate-request.js";
import { useSignedIn } from "../../session/session-context.js";
import { Button, Card, type Column, ErrorBanner, Field, Table } from "../../ui/index.js";
import { formatMoney } from "../items/money.js";
import { canReturn } from "./order-status.js";
import { readReturnQuantity, returnableUnits } from "./return-bounds.js";
import { useRefreshOrder } from "./use-refresh-order.js";

/**
 * The order's lines and totals; for a DELIVERED order, a quantity to return per line (bounded by
 * what is left on it) sent as one ReturnOrderLines.
 */
export function OrderLines({ order }: { readonly order: Order }) {
  const session = useSignedIn();
  const refresh = useRefreshOrder();
  const returning = canReturn(order.status, session.role);
  const [quantities, setQuantities] = useState<Readonly<Record<number, string>>>({});
  const [reason, setReason] = useState("");
  const [lineErrors, setLineErrors] = useState<Readonly<Record<number, string>>>({});
  const [failure, setFailure] = useState<ShownError>();
  const returnLines = useMutation(OrderService.method.returnOrderLines);
  const attempt = useAttemptKey();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    const errors: Record<number, string> = {};
    const lines: { lineNumber: number; quantity: bigint }[] = [];
    for (const line of order.lines) {
      const read = readReturnQuantity(quantities[line.lineNumber] ?? "", line);
      if (read.kind === "invalid") errors[line.lineNumber] = read.message;
      if (read.kind === "units") lines.push({ lineNumber: line.lineNumber, quantity: read.units });
    }
    setLineErrors(errors);
    if (Object.keys(errors).length > 0) return;
    if (lines.length === 0) {
      setFailure({ title: "Nothing to return", detail: "Enter the units coming back on a line.", violations: [] });
      return;
    }
    const change = { orderId: order.orderId, lines, reason: reason.trim() };
    const checked = checkRequest(ReturnOrderLinesRequestSchema, { ...change, idempotencyKey: attempt.keyFor(change) });
    if (!checked.valid) {
      setFailure({ title: "Some fields need attention", violations: checked.violations });
      return;
    }
    try {
      await returnLines.mutateAsync(checked.message);
      attempt.settled();
      setQuantities({});
      setReason("");
    } catch (thrown) {
      setFailure(describeError(thrown, { role: session.role, action: "return these lines" }));
    }
    await refresh();
  }

  const columns: Column<OrderLine>[] = [
    { key: "line", header: "#", numeric: true, cell: (line) => String(line.lineNumber) },
    { key: "sku", header: "SKU", cell: (line) => <span className="mono">{line.sku}</span> },
    { key: "name", header: "Name", cell: (line) => line.name },
    { key: "quantity", header: "Units", numeric: true, cell: (line) => String(line.quantity) },
    { key: "unitPrice", header: "Unit price", numeric: true, cell: (line) => formatMoney(line.unitPrice) },
    { key: "lineTotal", header: "Line total", numeric: true, cell: (line) => formatMoney(line.lineTotal) },
    { key: "returned", header: "Returned", numeric: true, cell: (line) => String(line.returnedQuantity) },
    ...(returning
      ? [
          {
            key: "return",
            header: "Return",
            cell: (line: OrderLine) => (
              <Field
                label={`Units of line ${line.lineNumber} to return`}
                className="field-compact"
                name={`return-${line.lineNumber}`}
                inputMode="numeric"
                placeholder={`0–${returnableUnits(line)}`}
                disabled={returnableUnits(line) === 0n}
                value={quantities[line.lineNumber] ?? ""}
                error={lineErrors[line.lineNumber]}
                onChange={(e) => setQuantities((current) => ({ ...current, [line.lineNumber]: e.target.value }))}
              />
            ),
          },
        ]
      : []),
  ];
  const table = (
    <>
      <Table columns={columns} rows={order.lines} rowKey={(line) => String(line.lineNumber)} caption="Lines" />
      <p className="totals">
        {String(order.totalUnits)} units · total <strong>{formatMoney(order.total)}</strong>
        {order.returnedTotal && order.returnedTotal.minorUnits > 0n && (
          <> · returned {formatMoney(order.returnedTotal)}</>
        )}
      </p>
    </>
  );
  return (
    <Card title="Lines">
      {returning ? (
        <form className="stack" aria-label="Return lines" onSubmit={submit} noValidate>
          <ErrorBanner error={failure} extra={failure?.violations.map((v) => v.message)} />
          {table}
          <div className="row">
            <Field
              label="Return reason"
              name="returnReason"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
            <Button type="submit" busy={returnLines.isPending}>
              Return units
            </Button>
          </div>
        </form>
      ) : (
        table
      )}
    </Card>
  );
}
