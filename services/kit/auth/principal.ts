import { createContextKey } from "@connectrpc/connect";

/** Role names as they appear in tokens (lower-case forms of `waybill.common.v1.Role`). */
export const roleNames = ["admin", "brand", "customer", "courier", "partner", "service"] as const;

/** A role a principal can hold. */
export type RoleName = (typeof roleNames)[number];

/**
 * Who is calling: read from the bearer token by the auth interceptor and handed to handlers
 * through the Connect context values (see {@link principalKey}).
 */
export interface Principal {
  /** Subject of the token: a user, customer, courier, partner key or service name. */
  readonly subject: string;
  /** The role the token grants. */
  readonly role: RoleName;
  /** The brand (tenant) for `brand` and `partner` principals. */
  readonly brandId?: string;
  /** The id of the API key the call was made with; unset for a JWT. */
  readonly apiKeyId?: string;
}

/**
 * Context value holding the authenticated principal of the current call.
 *
 * @example
 * const principal = requirePrincipal(context);
 */
export const principalKey = createContextKey<Principal | undefined>(undefined, {
  description: "authenticated principal",
});
