/** Keyset pagination: typed, signed page tokens bound to their query, and reading one page at a time. */
export { decodeCursor, defaultPageSize, encodeCursor, pageSize } from "./cursor.js";
export { usePageTokenSecret } from "./page-token-signature.js";
export { type Page, readPage } from "./read-page.js";
export { type CursorField, type CursorValues, cursorFields, type SortCursor, sortCursor } from "./sort-cursor.js";
