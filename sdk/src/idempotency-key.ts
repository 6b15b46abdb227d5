import { clone, type DescMessage, type Message, ScalarType } from "@bufbuild/protobuf";
import type { Interceptor } from "@connectrpc/connect";

/** The proto name of the field that makes a Waybill mutation safe to retry. */
export const idempotencyKeyField = "idempotency_key";

/** The `idempotency_key` string field of a request message, if it has one. */
export function idempotencyKeyOf(schema: DescMessage, message: Message): string | undefined {
  const field = schema.fields.find((f) => f.name === idempotencyKeyField);
  if (field?.fieldKind !== "scalar" || field.scalar !== ScalarType.STRING) return undefined;
  const value = (message as unknown as Record<string, unknown>)[field.localName];
  return typeof value === "string" ? value : undefined;
}

/**
 * Fills an empty `idempotency_key` with a fresh UUID, once per logical call (on a copy: the
 * caller's message is left alone). Installed outside the retry interceptor, so every retry of the
 * call sends the same key and the server replays the first answer instead of acting twice. A key
 * set by hand is kept.
 */
export function idempotencyKeyInterceptor(newKey: () => string = randomKey): Interceptor {
  return (next) => async (req) => {
    if (req.stream || idempotencyKeyOf(req.method.input, req.message) !== "") return next(req);
    const field = req.method.input.fields.find((f) => f.name === idempotencyKeyField);
    const message = clone(req.method.input, req.message);
    (message as unknown as Record<string, unknown>)[field?.localName ?? "idempotencyKey"] = newKey();
    return next({ ...req, message });
  };
}

/**
 * A random (version 4) UUID. `crypto.randomUUID` exists in Node and in browsers' secure
 * contexts; a page served over plain http has only `getRandomValues`, so the UUID is built from it.
 */
export function randomKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
