import { EnvError, makeExactValidator } from "envalid";
import { parseRateLimitPolicy } from "../rate-limits/rate-limit-policy.js";

/**
 * envalid validators for the shapes Waybill's variables take. Each error message says what was
 * wrong and what would be accepted; the reporter puts the variable's name in front.
 */

/**
 * A whole number from `min` to `max`.
 *
 * @example
 * integer(1, 1000)({ default: 20, desc: "connections in the pool" })
 */
export const integer = (min: number, max: number) =>
  makeExactValidator<number>((text) => {
    const value = Number(text);
    if (text.trim() === "" || !Number.isInteger(value) || value < min || value > max) {
      throw new EnvError(`"${text}" is not a whole number from ${min} to ${max}`);
    }
    return value;
  });

/** A number above 0 and at most `max`. */
export const positiveNumber = (max: number) =>
  makeExactValidator<number>((text) => {
    const value = Number(text);
    if (text.trim() === "" || !Number.isFinite(value) || value <= 0 || value > max) {
      throw new EnvError(`"${text}" is not a number above 0 and at most ${max}`);
    }
    return value;
  });

/** A URL with one of `protocols` (e.g. `["http:", "https:"]`), returned as written. */
export const urlOf = (protocols: readonly string[]) => makeExactValidator<string>((text) => checkUrl(text, protocols));

/** A comma-separated list of URLs with one of `protocols`, returned as written (NATS clusters). */
export const urlListOf = (protocols: readonly string[]) =>
  makeExactValidator<string>((text) => {
    for (const part of text.split(",")) checkUrl(part.trim(), protocols);
    return text;
  });

/**
 * A URL that may carry a password (SMTP): its text never appears in an error message.
 */
export const secretUrlOf = (protocols: readonly string[], example: string) =>
  makeExactValidator<string>((text) => {
    let protocol: string;
    try {
      protocol = new URL(text).protocol;
    } catch {
      throw new EnvError(`is not a URL like ${example}`);
    }
    if (!protocols.includes(protocol)) throw new EnvError(`"${protocol}" is not one of ${protocols.join(", ")}`);
    return text;
  });

/** A text matching `pattern`; `rule` says in words what it must look like. */
export const matching = (pattern: RegExp, rule: string) =>
  makeExactValidator<string>((text) => {
    if (!pattern.test(text)) throw new EnvError(`"${text}" ${rule}`);
    return text;
  });

/** A secret of at least `minLength` characters (never echoed). */
export const secret = (minLength: number) =>
  makeExactValidator<string>((text) => {
    if (text.length < minLength) throw new EnvError(`must be at least ${minLength} characters long`);
    return text;
  });

/** A text that is not blank. */
export const nonBlank = makeExactValidator<string>((text) => {
  if (text.trim() === "") throw new EnvError("must not be blank");
  return text;
});

/** A comma-separated list; blanks around items are dropped. */
export const list = makeExactValidator<readonly string[]>((text) =>
  text
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean),
);

/**
 * Comma-separated CORS origins, each exactly `scheme://host[:port]` as a browser sends it (no
 * path, no trailing slash), `null` (sandboxed frames and files: only when listed) or `*` (any
 * origin but `null`).
 */
export const originList = makeExactValidator<readonly string[]>((text) => {
  const origins = text
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
  for (const origin of origins) {
    if (origin === "*" || origin === "null") continue;
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (parsed === undefined || !["http:", "https:"].includes(parsed.protocol) || parsed.origin !== origin) {
      throw new EnvError(`"${origin}" is not an origin like https://console.example.com or http://localhost:5173`);
    }
  }
  return origins;
});

/** An email address. */
export const emailAddress = makeExactValidator<string>((text) => {
  if (!/^[^\s@]+@[^\s@]+$/.test(text)) throw new EnvError(`"${text}" is not an email address`);
  return text;
});

/** An address or `Name <address>` (a mail sender). */
export const mailbox = makeExactValidator<string>((text) => {
  if (!/^([^<>]*<)?[^\s@<>]+@[^\s@<>]+>?$/.test(text.trim())) {
    throw new EnvError(`"${text}" is not an address or Name <address>`);
  }
  return text.trim();
});

/**
 * `key=whole number` pairs separated by commas, keys being lower-case names (e.g. zones).
 *
 * @example
 * keyedIntegers(0, 86_400_000)({ default: {} }) // "north=900000,south=300000"
 */
export const keyedIntegers = (min: number, max: number) =>
  makeExactValidator<Readonly<Record<string, number>>>((text) => {
    const values: Record<string, number> = {};
    for (const part of text
      .split(",")
      .map((item) => item.trim())
      .filter(Boolean)) {
      const [key, number, ...rest] = part.split("=");
      if (!key || number === undefined || rest.length > 0 || !/^[a-z0-9][a-z0-9_-]{0,62}$/.test(key)) {
        throw new EnvError(`"${part}" is not name=number (names are lower-case letters, digits, _ and -)`);
      }
      const value = Number(number);
      if (number.trim() === "" || !Number.isInteger(value) || value < min || value > max) {
        throw new EnvError(`"${number}" of ${key} is not a whole number from ${min} to ${max}`);
      }
      values[key] = value;
    }
    return values;
  });

/**
 * One URL (for `defaultName`) or `name=url` pairs separated by commas; trailing slashes are
 * dropped and a name may appear once.
 */
export const namedUrls = (defaultName: string, protocols: readonly string[]) =>
  makeExactValidator<Readonly<Record<string, string>>>((text) => {
    const urls: Record<string, string> = {};
    for (const part of text
      .split(",")
      .map((item) => item.trim())
      .filter(Boolean)) {
      const named = /^([a-z0-9][a-z0-9_-]{0,62})=(.*)$/.exec(part);
      const name = named?.[1] ?? defaultName;
      const url = named?.[2] ?? part;
      if (name in urls) throw new EnvError(`names "${name}" twice`);
      urls[name] = checkUrl(url, protocols).replace(/\/+$/, "");
    }
    if (Object.keys(urls).length === 0) throw new EnvError("names no URL");
    return urls;
  });

function checkUrl(text: string, protocols: readonly string[]): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new EnvError(`"${text}" is not a URL`);
  }
  if (!protocols.includes(url.protocol)) throw new EnvError(`"${url.protocol}" is not one of ${protocols.join(", ")}`);
  return text;
}

/**
 * Rate limits over the defaults (`RATE_LIMITS`): `off`, or `scope=limit` pairs such as
 * `brand=100/s:200,key:partner-acme=500/s` (see `rate-limits/rate-limit-policy.ts`). Checked
 * here, kept as written; `parseRateLimitPolicy` reads it.
 */
export const rateLimitPolicy = makeExactValidator<string>((text) => {
  try {
    parseRateLimitPolicy(text);
  } catch (error) {
    throw new EnvError(error instanceof Error ? error.message : String(error));
  }
  return text;
});
