import type { TokenSource, Waybill } from "@waybill/sdk";
import { createWaybill } from "@waybill/sdk/node";
import { checkedAuthSecret } from "../load/credentials.js";
import { createTokenIssuer, type RoleName, type TokenIssuer } from "../services/kit/auth/index.js";

/** Clients of every actor, each signed in with its own role's token. */
export interface Clients {
  readonly admin: Waybill;
  brand(brandId: string): Waybill;
  customer(customerId: string): Waybill;
  courier(courierId: string): Waybill;
}

/** Tokens live a day; each is signed again after an hour, so a long run never sends an expired one. */
const resignAfterMs = 3_600_000;

/**
 * Clients of Waybill at `url` whose tokens are signed here with `secret` (checked as Waybill checks
 * AUTH_SECRET; undefined: AUTH_SECRET, else the development secret `npm start` uses). Throws a
 * CredentialError when the secret is not valid.
 */
export function createClients(url: string, secret: string | undefined, env: NodeJS.ProcessEnv): Clients {
  const name = secret === undefined ? "AUTH_SECRET" : "--secret";
  const advice = "pass Waybill's AUTH_SECRET with --secret or in AUTH_SECRET";
  return clientsSignedBy(url, createTokenIssuer(checkedAuthSecret(secret ?? env.AUTH_SECRET, name, env, advice)));
}

/**
 * Clients of Waybill at `url` whose tokens `issuer` signs: the command line's own issuer, or a
 * Waybill process's when it simulates itself (`services/kit/dev-simulator`).
 */
export function clientsSignedBy(url: string, issuer: Pick<TokenIssuer, "sign">): Clients {
  const cache = new Map<string, Waybill>();
  const client = (role: RoleName, subject: string, brandId?: string): Waybill => {
    const key = `${role}/${subject}/${brandId ?? ""}`;
    const known = cache.get(key);
    if (known) return known;
    let signed: { readonly token: Promise<string>; readonly at: number } | undefined;
    const token: TokenSource = () => {
      if (!signed || performance.now() - signed.at > resignAfterMs) {
        signed = { token: issuer.sign({ subject, role, ...(brandId ? { brandId } : {}) }), at: performance.now() };
      }
      return signed.token;
    };
    const made = createWaybill({ baseUrl: url, token });
    cache.set(key, made);
    return made;
  };
  return {
    admin: client("admin", "waybill-simulate"),
    brand: (brandId) => client("brand", `${brandId}-kitchen`, brandId),
    customer: (customerId) => client("customer", customerId),
    courier: (courierId) => client("courier", courierId),
  };
}
