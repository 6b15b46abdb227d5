import type { ReactNode } from "react";

/** One column: its header, its cell, and the sort key it offers (if the list can sort by it). */
export interface Column<Row> {
  readonly key: string;
  readonly header: ReactNode;
  readonly cell: (row: Row) => ReactNode;
  readonly sortKey?: string;
  readonly numeric?: boolean;
}

/** The current sort: a column's sort key and a direction. */
export interface SortState {
  readonly key: string;
  readonly direction: "asc" | "desc";
}

/** The next sort after a header click: ascending first, then descending, then back to ascending. */
export function nextSort(current: SortState | undefined, key: string): SortState {
  if (current?.key === key && current.direction === "asc") return { key, direction: "desc" };
  return { key, direction: "asc" };
}

/** A data table with sortable headers (`aria-sort`); rows keyed by `rowKey`. */
export function Table<Row>({
  columns,
  rows,
  rowKey,
  sort,
  onSort,
  caption,
}: {
  readonly columns: readonly Column<Row>[];
  readonly rows: readonly Row[];
  readonly rowKey: (row: Row) => string;
  readonly sort?: SortState | undefined;
  readonly onSort?: (sort: SortState) => void;
  readonly caption?: string;
}) {
  return (
    <div className="table-wrap">
      <table className="table">
        {caption && <caption className="visually-hidden">{caption}</caption>}
        <thead>
          <tr>
            {columns.map((column) => {
              const active = column.sortKey !== undefined && sort?.key === column.sortKey;
              const ariaSort = active ? (sort?.direction === "asc" ? "ascending" : "descending") : undefined;
              return (
                <th key={column.key} aria-sort={ariaSort} className={column.numeric ? "numeric" : undefined}>
                  {column.sortKey && onSort ? (
                    <button
                      type="button"
                      className="th-sort"
                      onClick={() => onSort(nextSort(sort, column.sortKey as string))}
                    >
                      {column.header}
                      <span className="sort-mark" aria-hidden="true">
                        {active ? (sort?.direction === "asc" ? "▲" : "▼") : "↕"}
                      </span>
                    </button>
                  ) : (
                    column.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} data-row={rowKey(row)}>
              {columns.map((column) => (
                <td key={column.key} data-column={column.key} className={column.numeric ? "numeric" : undefined}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Previous/next paging over page tokens, with the page number and the total when the list reports it. */
export function Pager({
  page,
  total,
  hasNext,
  onPrevious,
  onNext,
}: {
  readonly page: number;
  readonly total?: bigint | number | undefined;
  readonly hasNext: boolean;
  readonly onPrevious: () => void;
  readonly onNext: () => void;
}) {
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" className="btn btn-ghost" disabled={page <= 1} onClick={onPrevious}>
        ← Previous
      </button>
      <span className="pager-label">
        Page {page}
        {total ? ` · ${total} in all` : ""}
      </span>
      <button type="button" className="btn btn-ghost" disabled={!hasNext} onClick={onNext}>
        Next →
      </button>
    </nav>
  );
}
