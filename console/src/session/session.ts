/** The roles a Waybill credential acts as (the `role` claim of its tokens). */
export type RoleName = "admin" | "brand" | "partner" | "service" | "courier" | "customer";

const roleNames: readonly RoleName[] = ["admin", "brand", "partner", "service", "courier", "customer"];

/** Who is signed in: the credential sent with every call, and what the console shows for it. */
export interface Session {
  /** The bearer credential: a JWT or an API key (`wbk_…`). */
  readonly token: string;
  readonly role: RoleName;
  /** The brand of a brand or partner (empty for the others). */
  readonly brandId: string;
  /** The token's subject: the customer or courier id for those roles. */
  readonly subject: string;
  /** When the credential stops working, if known (epoch milliseconds). */
  readonly expiresAt?: number | undefined;
}

/** True for a role name Waybill knows. */
export function isRoleName(value: unknown): value is RoleName {
  return typeof value === "string" && (roleNames as readonly string[]).includes(value);
}

/** True for an API key's secret (what `IssueApiKey` answers once). */
export function isApiKey(credential: string): boolean {
  return credential.startsWith("wbk_");
}
