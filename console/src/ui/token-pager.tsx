import { Pager } from "./table.js";
import type { PageTokens } from "./use-page-tokens.js";

/** The paging part of a list answer (every List RPC's `page`). */
export interface PageInfo {
  readonly nextPageToken: string;
  readonly totalSize?: bigint | number;
}

/**
 * The pager of a list read page by page with tokens (`usePageTokens`): Next takes the answer's
 * token, Previous goes back; `withTotal` shows the answer's total size.
 */
export function TokenPager({
  paging,
  page,
  withTotal = false,
}: {
  readonly paging: PageTokens;
  readonly page: PageInfo | undefined;
  readonly withTotal?: boolean;
}) {
  return (
    <Pager
      page={paging.page}
      total={withTotal ? page?.totalSize : undefined}
      hasNext={Boolean(page?.nextPageToken)}
      onPrevious={paging.previous}
      onNext={() => paging.next(page?.nextPageToken)}
    />
  );
}
