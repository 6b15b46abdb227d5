import { ConfigError } from "./config-error.js";

/** Fewest bytes a production `AUTH_SECRET` may have: HS256 keys should be as long as the hash. */
export const minimumSecretBytes = 32;

/** Fewest distinct characters a production secret may have; `openssl rand -hex 32` has about 16. */
const minimumDistinctCharacters = 8;

/**
 * What makes `secret` unfit to sign production tokens, or `undefined` when nothing does: the
 * published development secret, fewer than {@link minimumSecretBytes} bytes, or so little variety
 * (one repeated character, a short pattern repeated) that it is guessable whatever its length.
 *
 * @example
 * secretWeakness("x".repeat(40)); // "has only 1 distinct characters ..."
 */
export function secretWeakness(secret: string, developmentSecret: string): string | undefined {
  if (secret === developmentSecret) return "is the published development secret";
  const bytes = Buffer.byteLength(secret, "utf8");
  if (bytes < minimumSecretBytes) return `is ${bytes} bytes long, fewer than ${minimumSecretBytes}`;
  const distinct = new Set(secret).size;
  if (distinct < minimumDistinctCharacters) {
    return `has only ${distinct} distinct characters (at least ${minimumDistinctCharacters} needed)`;
  }
  return undefined;
}

/**
 * The secret, or a {@link ConfigError} when production would run with a weak one. Development
 * accepts anything the setting's own validator accepts, the development default included.
 */
export function productionSecret(secret: string, production: boolean, developmentSecret: string): string {
  if (!production) return secret;
  const weakness = secretWeakness(secret, developmentSecret);
  if (weakness !== undefined) {
    throw new ConfigError(
      "AUTH_SECRET",
      `${weakness}: refused when NODE_ENV=production - set a random secret, e.g. the output of openssl rand -base64 48`,
    );
  }
  return secret;
}
