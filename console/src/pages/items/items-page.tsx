import { useQuery } from "@connectrpc/connect-query";
import { keepPreviousData } from "@tanstack/react-query";
import { InventoryService, type Item, ItemSortField, SortDirection } from "@waybill/sdk/inventory";
import { useMemo, useState } from "react";
import { Link } from "react-router";
import { describeError } from "../../forms/describe-error.js";
import { useWatchStock } from "../../rpc/use-watch-stock.js";
import { useSignedIn } from "../../session/session-context.js";
import {
  Button,
  Card,
  EmptyState,
  ErrorBanner,
  Field,
  PageHeader,
  type SortState,
  Spinner,
  TokenPager,
  usePageTokens,
} from "../../ui/index.js";
import { BrandPicker } from "./brand-picker.js";
import { ItemForm } from "./item-form.js";
import { ItemsTable } from "./items-table.js";
import { LiveIndicator } from "./live-indicator.js";
import { useBrand } from "./use-brand.js";

const pageSize = 20;
const sortFields: Readonly<Record<string, ItemSortField>> = {
  sku: ItemSortField.SKU,
  name: ItemSortField.NAME,
  available: ItemSortField.AVAILABLE,
  created: ItemSortField.CREATE_TIME,
};

/**
 * `/items`: the brand's items (ListItems: search, low-stock filter, sort, page tokens) with their
 * stock live from WatchStock, and the form for a new item.
 */
export function ItemsPage() {
  const session = useSignedIn();
  const brand = useBrand();
  const [query, setQuery] = useState("");
  const [lowStockOnly, setLowStockOnly] = useState(false);
  const [sort, setSort] = useState<SortState>();
  const paging = usePageTokens();
  const [creating, setCreating] = useState(false);
  const restart = paging.restart;
  const input = {
    brandId: brand.brandId,
    query: query.trim(),
    lowStockOnly,
    page: { pageSize, pageToken: paging.token },
    sortField: sort ? sortFields[sort.key] : ItemSortField.UNSPECIFIED,
    sortDirection: sort
      ? sort.direction === "asc"
        ? SortDirection.ASCENDING
        : SortDirection.DESCENDING
      : SortDirection.UNSPECIFIED,
  };
  const list = useQuery(InventoryService.method.listItems, input, { placeholderData: keepPreviousData });
  const items: readonly Item[] = list.data?.items ?? [];
  const skus = useMemo(() => items.map((item) => item.sku), [items]);
  // WatchStock is per brand: an admin sees live levels once a brand is picked.
  const live = useWatchStock(brand.brandId, skus);
  const detailPath = (item: Item) =>
    `/items/${encodeURIComponent(item.sku)}${brand.canPick ? `?brand=${encodeURIComponent(item.brandId)}` : ""}`;

  return (
    <>
      <PageHeader
        title="Items"
        actions={
          <>
            <LiveIndicator state={brand.brandId && skus.length > 0 ? live.stream : undefined} />
            <Button variant="primary" onClick={() => setCreating(true)} disabled={creating || !brand.brandId}>
              New item
            </Button>
          </>
        }
      />
      {creating && brand.brandId && (
        <ItemForm brandId={brand.brandId} onDone={() => setCreating(false)} onCancel={() => setCreating(false)} />
      )}
      <Card>
        <div className="row">
          <BrandPicker
            brand={brand}
            hint="Operators see every brand; pick one to create items and see stock live"
            onPicked={restart}
          />
          <Field
            label="Search"
            name="search"
            type="search"
            placeholder="SKU or name"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              restart();
            }}
          />
          <label className="checkbox">
            <input
              type="checkbox"
              checked={lowStockOnly}
              onChange={(e) => {
                setLowStockOnly(e.target.checked);
                restart();
              }}
            />{" "}
            Low stock only
          </label>
        </div>
      </Card>
      <Card>
        {list.error && (
          <ErrorBanner error={describeError(list.error, { role: session.role, action: "list these items" })} />
        )}
        {list.isPending ? (
          <Spinner label="Loading items…" />
        ) : items.length === 0 ? (
          <EmptyState title={query || lowStockOnly ? "No item matches" : "No items yet"}>
            {brand.brandId && !query && !lowStockOnly && (
              <Button variant="primary" onClick={() => setCreating(true)}>
                Create the first item
              </Button>
            )}
          </EmptyState>
        ) : (
          <ItemsTable
            items={items}
            levels={live.levels}
            showBrand={brand.canPick && !brand.brandId}
            sort={sort}
            onSort={(next) => {
              setSort(next);
              restart();
            }}
            skuCell={(item) => <Link to={detailPath(item)}>{item.sku}</Link>}
          />
        )}
        <TokenPager paging={paging} page={list.data?.page} withTotal />
      </Card>
    </>
  );
}
