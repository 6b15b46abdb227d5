/**
 * Why a ledger entry was written, as stored: the lower-case names of the contract's
 * `LedgerReason`. Brands write `restock` and `adjustment`; reservations and returns the others.
 */
export type LedgerReasonName = "restock" | "adjustment" | "reserve" | "release" | "commit" | "return";
