import type { Kysely } from "kysely";

/**
 * Any service's database or transaction, for the kit's helpers that work on tables every schema
 * holds (`outbox`, `inbox`, `idempotency`) or only run raw SQL. Kysely's database type parameter
 * is invariant, so such a helper cannot name one database type; this is kysely's documented way
 * to accept them all, kept to this one alias.
 */
// biome-ignore lint/suspicious/noExplicitAny: kysely's own idiom for "any database"; see above.
export type AnyDatabase = Kysely<any>;
