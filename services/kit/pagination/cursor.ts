import { createHash } from "node:crypto";
import { DomainError } from "../errors/index.js";
import { isPageTokenSigned, signPageToken } from "./page-token-signature.js";

/** Page size used when a request asks for 0 (the contracts allow 0..500). */
export const defaultPageSize = 50;

/**
 * Encodes the sort key of the last row of a page as an opaque page token, signed with an HMAC (see
 * `usePageTokenSecret`) so that a client cannot forge a position: only values this server wrote
 * ever reach a query. `scope` binds the token to the query it came from (filters and sort, in any
 * stable text form): {@link decodeCursor} refuses it for another query instead of returning a
 * wrong page.
 *
 * @example
 * const token = encodeCursor({ brandId: "acme", sku: "MUG-1" }, `items|${brandId}|${sort}`);
 */
export function encodeCursor(key: Readonly<Record<string, string | number>>, scope = ""): string {
  const payload = Buffer.from(JSON.stringify({ k: key, s: scopeHash(scope) }), "utf8").toString("base64url");
  return `${payload}.${signPageToken(payload)}`;
}

/**
 * Decodes a page token produced by {@link encodeCursor} for the same `scope`, checking that it
 * carries the expected fields; an empty token is the first page (`undefined`). A token whose
 * signature does not match (forged or altered in any part: it is never parsed), or one from
 * another query, is an `invalid_argument` error naming `page.page_token`.
 */
export function decodeCursor<K extends string>(
  token: string,
  fields: readonly K[],
  scope = "",
): Record<K, string> | undefined {
  if (!token) return undefined;
  const dot = token.lastIndexOf(".");
  const payload = token.slice(0, Math.max(dot, 0));
  if (dot < 0 || !isPageTokenSigned(payload, token.slice(dot + 1))) throw notOurs();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    decoded = undefined;
  }
  const { k: key, s: scoped } = (typeof decoded === "object" && decoded !== null ? decoded : {}) as {
    k?: unknown;
    s?: unknown;
  };
  if (typeof key !== "object" || key === null || !fields.every((field) => field in key)) throw notOurs();
  if (scoped !== scopeHash(scope)) {
    throw new DomainError(
      "invalid_argument",
      "page.page_token belongs to a list with other filters or sort - start again without it",
    );
  }
  return Object.fromEntries(fields.map((field) => [field, String((key as Record<string, unknown>)[field])])) as Record<
    K,
    string
  >;
}

/** The page size to use for a requested size (0 = default). */
export function pageSize(requested: number | undefined): number {
  return requested && requested > 0 ? requested : defaultPageSize;
}

function notOurs(): DomainError {
  return new DomainError("invalid_argument", "page.page_token is not a token this list returned");
}

function scopeHash(scope: string): string {
  return createHash("sha256").update(scope).digest("base64url").slice(0, 12);
}
