import type { CallOptions } from "@connectrpc/connect";

/** The request of a paged RPC: its `page` is a `waybill.common.v1.PageRequest`. */
export interface PagedRequest {
  readonly page?: { readonly pageSize?: number; readonly pageToken?: string } | undefined;
}

/** The response of a paged RPC: a `waybill.common.v1.PageResponse` and one repeated message field. */
export interface PagedResponse {
  readonly $typeName: string;
  readonly page?: { readonly nextPageToken: string } | undefined;
}

/** The element type of a response's repeated message field (the page's items). */
export type PageItem<Res> = {
  [K in keyof Res]-?: K extends "$unknown"
    ? never
    : Res[K] extends readonly (infer T extends { $typeName: string })[]
      ? T
      : never;
}[keyof Res];

/** How {@link paginate} calls the RPC. */
export interface PaginateOptions extends CallOptions {
  /** A list longer than this many pages is a token that never ends: throw (default 10,000). */
  readonly maxPages?: number;
}

/**
 * Every item of a paged RPC — each List RPC, and GetStockHistory — page after page, fetching a
 * page only when the loop reaches it. `request.page.pageSize` sets the page size (the server's
 * default otherwise); `request.page.pageToken` starts from a page other than the first. Call
 * options (`signal`, `timeoutMs`, `headers`) apply to each page's call. Stop early with `break`.
 *
 * The items are the response's one repeated message field (`items`, `orders`, `couriers`, …),
 * which the type names statically. At run time a client method carries no descriptor (and a
 * registry of every contract would defeat tree-shaking in browsers), so the field is found on the
 * first response as the one array of messages beside `page`.
 *
 * @example
 * for await (const order of paginate(waybill.orders.listOrders, { brandId: "acme" })) {
 *   console.log(order.orderId);
 * }
 */
export async function* paginate<Req extends PagedRequest, Res extends PagedResponse>(
  listFn: (request: Req, options?: CallOptions) => Promise<Res>,
  request: NoInfer<Req>,
  options: PaginateOptions = {},
): AsyncGenerator<PageItem<Res>, void, undefined> {
  const { maxPages = 10_000, ...callOptions } = options;
  let pageToken = request.page?.pageToken ?? "";
  let itemsField: string | undefined;
  const seen = new Set<string>();
  for (let pages = 1; ; pages++) {
    const response = await listFn({ ...request, page: { ...request.page, pageToken } }, callOptions);
    itemsField ??= itemsFieldOf(response);
    yield* (response as unknown as Record<string, PageItem<Res>[]>)[itemsField] ?? [];
    pageToken = response.page?.nextPageToken ?? "";
    if (pageToken === "") return;
    // A token seen before would loop for ever: a server bug, reported rather than repeated.
    if (seen.has(pageToken) || pages >= maxPages)
      throw new Error(`paginate: ${response.$typeName} did not end after ${pages} pages`);
    seen.add(pageToken);
  }
}

/** The name of a response's one repeated message field. */
function itemsFieldOf(response: PagedResponse): string {
  const fields = Object.entries(response).filter(
    ([name, value]) =>
      name !== "$unknown" &&
      Array.isArray(value) &&
      value.every((item: unknown) => typeof item === "object" && item !== null && "$typeName" in item),
  );
  const [only, ...others] = fields;
  if (!only || others.length > 0)
    throw new Error(`paginate: ${response.$typeName} has no single repeated message field to page through`);
  return only[0];
}
