import { DomainError } from "../errors/index.js";
import { decodeCursor, encodeCursor } from "./cursor.js";

/** How one value of a page token is written, and read back from a token a client sent. */
export interface CursorField<T> {
  /** The value as it stands in the token. */
  write(value: T): string | number;
  /** The value from the token's text; `undefined` when it does not parse (a forged token). */
  read(text: string): T | undefined;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The kinds of sort values a page token carries. */
export const cursorFields = {
  /** Any text (a name, a SKU). */
  text: { write: (value: string) => value, read: (text: string) => text } satisfies CursorField<string>,
  /** A safe integer (an amount, a sequence). */
  integer: {
    write: (value: number) => value,
    read: (text: string) => {
      const value = Number(text);
      return text !== "" && Number.isSafeInteger(value) ? value : undefined;
    },
  } satisfies CursorField<number>,
  /** A point in time, kept to the millisecond. */
  time: {
    write: (value: Date) => value.toISOString(),
    read: (text: string) => {
      const value = new Date(text);
      return Number.isNaN(value.getTime()) ? undefined : value;
    },
  } satisfies CursorField<Date>,
  /** A UUID (a tie-breaking id). */
  uuid: {
    write: (value: string) => value,
    read: (text: string) => (uuidPattern.test(text) ? text : undefined),
  } satisfies CursorField<string>,
} as const;

/** The values a cursor with fields `F` carries. */
export type CursorValues<F> = { readonly [K in keyof F]: F[K] extends CursorField<infer T> ? T : never };

/** Writes and reads the page tokens of one list query. */
export interface SortCursor<Values> {
  /** The token resuming after a row with these sort values. */
  encode(values: Values): string;
  /**
   * The sort values of a token (`undefined` for an empty one: the first page). A token of another
   * query, a forged one, or one whose values do not parse is INVALID_ARGUMENT naming
   * `page.page_token`.
   */
  decode(token: string | undefined): Values | undefined;
}

/**
 * A typed page token for keyset pagination: the sort values of the last row, bound to `scope` (the
 * query's filters and sort in any stable text form) so it cannot be replayed against another query.
 *
 * @example
 * const cursor = sortCursor({ value: cursorFields.time, id: cursorFields.uuid }, JSON.stringify(["orders", brandId, sort]));
 * const after = cursor.decode(request.page?.pageToken); // { value: Date, id: string } | undefined
 * cursor.encode({ value: row.created_at, id: row.order_id });
 */
export function sortCursor<F extends Readonly<Record<string, CursorField<unknown>>>>(
  fields: F,
  scope: string,
): SortCursor<CursorValues<F>> {
  const names = Object.keys(fields);
  return {
    encode(values) {
      const written = Object.fromEntries(
        names.map((name) => [name, (fields[name] as CursorField<unknown>).write(values[name])]),
      );
      return encodeCursor(written, scope);
    },
    decode(token) {
      const decoded = decodeCursor(token ?? "", names, scope);
      if (!decoded) return undefined;
      const values: Record<string, unknown> = {};
      for (const name of names) {
        const value = (fields[name] as CursorField<unknown>).read(decoded[name] ?? "");
        if (value === undefined)
          throw new DomainError("invalid_argument", "page.page_token is not a token this list returned");
        values[name] = value;
      }
      return values as CursorValues<F>;
    },
  };
}
