import { pageSize } from "./cursor.js";

/** One page of rows and the token of the next (empty on the last page). */
export interface Page<Row> {
  readonly rows: readonly Row[];
  readonly nextPageToken: string;
}

/**
 * Reads one page of a keyset-paginated list: asks `read` for one row more than the page size (the
 * requested one, or the default for 0), so whether another page follows is known without
 * counting, and writes the next token from the page's last row.
 *
 * @example
 * const page = await readPage(request.page, (limit) => listItems(db, { ...filters, after, limit }),
 *   (last) => cursor.encode({ sku: last.sku }));
 */
export async function readPage<Row>(
  request: { readonly pageSize?: number } | undefined,
  read: (limit: number) => Promise<readonly Row[]>,
  tokenAfter: (last: Row) => string,
): Promise<Page<Row>> {
  const size = pageSize(request?.pageSize);
  const rows = await read(size + 1);
  const page = rows.slice(0, size);
  const last = page.at(-1);
  return { rows: page, nextPageToken: rows.length > size && last !== undefined ? tokenAfter(last) : "" };
}
