import { timestampDate } from "@bufbuild/protobuf/wkt";
import { useQuery } from "@connectrpc/connect-query";
import { keepPreviousData } from "@tanstack/react-query";
import { InventoryService, type LedgerEntry, LedgerReason } from "@waybill/sdk/inventory";
import { describeError } from "../../forms/describe-error.js";
import {
  Card,
  type Column,
  EmptyState,
  ErrorBanner,
  Spinner,
  Table,
  TokenPager,
  usePageTokens,
} from "../../ui/index.js";

const pageSize = 25;

const reasonText: Readonly<Record<LedgerReason, string>> = {
  [LedgerReason.UNSPECIFIED]: "—",
  [LedgerReason.RESTOCK]: "Restock",
  [LedgerReason.ADJUSTMENT]: "Adjustment",
  [LedgerReason.RESERVE]: "Reserved for order",
  [LedgerReason.RELEASE]: "Reservation released",
  [LedgerReason.COMMIT]: "Shipped",
  [LedgerReason.RETURN]: "Returned",
};

const signed = (value: bigint) => (value > 0n ? `+${value}` : String(value));

const columns: readonly Column<LedgerEntry>[] = [
  { key: "sequence", header: "#", numeric: true, cell: (e) => String(e.sequence) },
  { key: "time", header: "Time", cell: (e) => (e.createTime ? timestampDate(e.createTime).toLocaleString() : "") },
  { key: "reason", header: "Reason", cell: (e) => reasonText[e.reason] ?? String(e.reason) },
  { key: "onHand", header: "On hand Δ", numeric: true, cell: (e) => signed(e.deltaOnHand) },
  { key: "reserved", header: "Reserved Δ", numeric: true, cell: (e) => signed(e.deltaReserved) },
  { key: "reference", header: "Reference", cell: (e) => e.reference },
  { key: "actor", header: "By", cell: (e) => e.actor },
];

/** The item's ledger, page by page (GetStockHistory, in ledger order). */
export function LedgerTable({ brandId, sku }: { readonly brandId: string; readonly sku: string }) {
  const paging = usePageTokens();
  const history = useQuery(
    InventoryService.method.getStockHistory,
    { brandId, sku, page: { pageSize, pageToken: paging.token } },
    { placeholderData: keepPreviousData },
  );
  const entries = history.data?.entries ?? [];
  return (
    <Card title="Ledger">
      {history.error && <ErrorBanner error={describeError(history.error, { action: "read the ledger" })} />}
      {history.isPending ? (
        <Spinner />
      ) : entries.length === 0 ? (
        <EmptyState title="No stock movements yet">Restock the item to start its ledger.</EmptyState>
      ) : (
        <Table columns={columns} rows={entries} rowKey={(e) => String(e.sequence)} caption="Ledger entries" />
      )}
      <TokenPager paging={paging} page={history.data?.page} />
    </Card>
  );
}
