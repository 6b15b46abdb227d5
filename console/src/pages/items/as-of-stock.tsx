import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { skipToken, useQuery } from "@connectrpc/connect-query";
import { InventoryService } from "@waybill/sdk/inventory";
import { useState } from "react";
import { describeError } from "../../forms/describe-error.js";
import { Card, ErrorBanner, Field, Spinner } from "../../ui/index.js";
import { StockStats } from "./stock-stats.js";

/** `2026-03-01T09:30:00.000` (what a datetime-local input holds) to epoch ms in the browser's zone. */
export function localInputMs(value: string): number | undefined {
  if (!value) return undefined;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? undefined : ms;
}

/** "Stock on <date>": the level at a past time (GetStock with `as_of_time`, replayed from the ledger). */
export function AsOfStock({ brandId, sku }: { readonly brandId: string; readonly sku: string }) {
  const [value, setValue] = useState("");
  const ms = localInputMs(value);
  const stock = useQuery(
    InventoryService.method.getStock,
    ms === undefined ? skipToken : { brandId, sku, asOfTime: timestampFromMs(ms) },
  );
  return (
    <Card title="Stock on a past date">
      <div className="stack">
        <Field
          label="Stock on"
          name="as-of"
          type="datetime-local"
          step="0.001"
          value={value}
          hint="Your local time"
          onChange={(e) => setValue(e.target.value)}
        />
        {stock.error && <ErrorBanner error={describeError(stock.error, { action: "read past stock" })} />}
        {ms !== undefined && stock.isPending && <Spinner />}
        {ms !== undefined && stock.data?.stock && (
          <div data-testid="as-of-level">
            <StockStats level={stock.data.stock} />
          </div>
        )}
      </div>
    </Card>
  );
}
