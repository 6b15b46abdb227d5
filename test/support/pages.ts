/** Reads the page of a token: its items and the next token ("" or undefined on the last page). */
export type PageReader<T> = (pageToken: string) => Promise<readonly [items: readonly T[], next: string | undefined]>;

/** A list longer than this many pages is a token that never ends: fail rather than loop. */
const maxPages = 1_000;

/**
 * Every page of a list, following the tokens from the first page to the last.
 *
 * @example
 * const pages = await readPages(async (pageToken) => {
 *   const page = await admin.fleet.listCouriers({ page: { pageSize: 2, pageToken } });
 *   return [page.couriers, page.page?.nextPageToken];
 * });
 */
export async function readPages<T>(read: PageReader<T>): Promise<T[][]> {
  const pages: T[][] = [];
  let pageToken = "";
  do {
    if (pages.length === maxPages) throw new Error(`still more pages after ${maxPages}`);
    const [items, next] = await read(pageToken);
    pages.push([...items]);
    pageToken = next ?? "";
  } while (pageToken);
  return pages;
}

/** Every item of a list, all pages in order (see {@link readPages}). */
export async function allPages<T>(read: PageReader<T>): Promise<T[]> {
  return (await readPages(read)).flat();
}
