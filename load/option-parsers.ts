import { InvalidArgumentError } from "commander";

/** A parser of whole numbers between `least` and `most`, for commander options. */
export const wholeNumber =
  (least: number, most = Number.MAX_SAFE_INTEGER) =>
  (text: string): number => {
    const value = Number(text);
    if (text.trim() === "" || !Number.isInteger(value) || value < least || value > most) {
      throw new InvalidArgumentError(
        most === Number.MAX_SAFE_INTEGER
          ? `must be a whole number of at least ${least}`
          : `must be a whole number from ${least} to ${most}`,
      );
    }
    return value;
  };

/** Parses a rate in operations per second: any positive number (0.5 is one every two seconds). */
export function parseRate(text: string): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value <= 0 || value > 1_000_000) {
    throw new InvalidArgumentError("must be a positive number of operations per second, e.g. 200");
  }
  return value;
}

const units: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Parses a duration into milliseconds: `30s`, `1.5m`, `500ms`, `2h`, or a bare number of seconds.
 *
 * @example
 * parseDuration("30s"); // 30000
 */
export function parseDuration(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(text);
  const amount = Number(match?.[1]);
  const unit = units[match?.[2] ?? "s"] ?? 1000;
  const ms = Math.round(amount * unit);
  if (!match || !(ms > 0)) {
    throw new InvalidArgumentError("must be a duration such as 30s, 2m, 500ms or 1h (a bare number is seconds)");
  }
  return ms;
}

/** Parses a brand id or a delivery zone as the contracts accept them (lower-case letters, digits, `-` and `_`). */
export function parseIdentifier(text: string): string {
  if (!/^[a-z0-9][a-z0-9_-]{0,62}$/.test(text)) {
    throw new InvalidArgumentError("must be lower-case letters, digits, - and _ (at most 63 characters)");
  }
  return text;
}

/** Parses a base URL: http or https, no path beyond `/` needed. */
export function parseBaseUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidArgumentError("must be a URL such as http://127.0.0.1:8080");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new InvalidArgumentError("must be an http:// or https:// URL");
  }
  return text.replace(/\/+$/, "");
}
