import { timestampMs } from "@bufbuild/protobuf/wkt";
import { useQuery } from "@connectrpc/connect-query";
import { InventoryService } from "@waybill/sdk/inventory";
import { useMemo, useState } from "react";
import { Link, useParams } from "react-router";
import { describeError } from "../../forms/describe-error.js";
import { useWatchStock } from "../../rpc/use-watch-stock.js";
import { useSignedIn } from "../../session/session-context.js";
import { Badge, Button, Card, ErrorBanner, PageHeader, Spinner } from "../../ui/index.js";
import { AdjustStockForm } from "./adjust-stock-form.js";
import { AsOfStock } from "./as-of-stock.js";
import { ItemForm } from "./item-form.js";
import { LedgerTable } from "./ledger-table.js";
import { LevelChart } from "./level-chart.js";
import { type LevelPoint, levelSeries } from "./level-series.js";
import { LiveIndicator } from "./live-indicator.js";
import { formatMoney } from "./money.js";
import { StockStats } from "./stock-stats.js";
import { stockBadge, stockStatus } from "./stock-status.js";
import { useBrand } from "./use-brand.js";
import { useFullHistory } from "./use-full-history.js";

/** `/items/:sku`: an item, its level live, its adjustments, its past, its chart and its ledger. */
export function ItemPage() {
  const session = useSignedIn();
  const { sku = "" } = useParams();
  const { brandId, canPick } = useBrand();
  const [editing, setEditing] = useState(false);
  const item = useQuery(InventoryService.method.getItem, { brandId, sku });
  const skus = useMemo(() => [sku], [sku]);
  const live = useWatchStock(brandId, skus);
  const level = live.levels.get(sku) ?? item.data?.item?.stock;
  const history = useFullHistory(brandId, sku);
  const points = useMemo<LevelPoint[]>(() => {
    const series = levelSeries(history.data ?? []);
    const last = series[series.length - 1];
    // The live level extends the line to now, ahead of the next history read.
    if (level && (!last || level.ledgerSequence > last.sequence)) {
      series.push({
        time: level.asOfTime ? timestampMs(level.asOfTime) : Date.now(),
        sequence: level.ledgerSequence,
        onHand: Number(level.onHand),
        reserved: Number(level.reserved),
        available: Number(level.available),
      });
    }
    return series;
  }, [history.data, level]);
  const back = canPick ? `/items?brand=${encodeURIComponent(brandId)}` : "/items";

  if (item.isPending) return <Spinner label="Loading item…" />;
  if (item.error || !item.data.item) {
    return (
      <>
        <Link to={back}>← Items</Link>
        <ErrorBanner error={describeError(item.error, { role: session.role, action: "read this item" })} />
      </>
    );
  }
  const current = item.data.item;
  const badge = stockBadge(stockStatus(level?.available ?? 0n, current.lowStockThreshold));
  return (
    <>
      <Link to={back}>← Items</Link>
      <PageHeader
        title={
          <>
            {current.name} <span className="muted mono">{current.sku}</span>
          </>
        }
        actions={
          <>
            <LiveIndicator state={live.stream} />
            <Button onClick={() => setEditing(true)} disabled={editing}>
              Edit
            </Button>
          </>
        }
      />
      {editing && (
        <ItemForm
          brandId={brandId}
          item={current}
          onDone={() => setEditing(false)}
          onCancel={() => setEditing(false)}
        />
      )}
      <div className="grid-2">
        <Card title="Now" actions={<Badge tone={badge.tone}>{badge.label}</Badge>}>
          <div data-testid="live-level">
            <StockStats level={level} />
          </div>
          <p className="muted">
            {formatMoney(current.unitPrice)} · low-stock threshold {String(current.lowStockThreshold)} · brand{" "}
            {current.brandId}
          </p>
        </Card>
        <AdjustStockForm brandId={brandId} sku={sku} />
      </div>
      <div className="grid-2">
        <Card title="Level over time">
          {history.error ? (
            <ErrorBanner error={describeError(history.error, { action: "read the ledger" })} />
          ) : (
            <LevelChart points={points} />
          )}
        </Card>
        <AsOfStock brandId={brandId} sku={sku} />
      </div>
      <LedgerTable brandId={brandId} sku={sku} />
    </>
  );
}
