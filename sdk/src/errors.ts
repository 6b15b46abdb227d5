import { Code, ConnectError } from "@connectrpc/connect";
import type { ShortSku } from "@waybill/contracts/waybill/inventory/v1/inventory_pb.js";
import { stockShortageOf } from "./errors-stock-shortage.js";
import { type FieldViolation, violationsOf } from "./errors-violations.js";
import { retryDelayMs } from "./retry-delay.js";

/** The cases of a failed Waybill call that a caller handles differently, with their details decoded. */
export type WaybillError = { readonly error: ConnectError } & (
  | { readonly kind: "stock-shortage"; readonly skus: readonly ShortSku[] }
  | { readonly kind: "invalid"; readonly violations: readonly FieldViolation[] }
  | { readonly kind: "not-found" }
  | { readonly kind: "permission-denied" }
  | { readonly kind: "unauthenticated" }
  | { readonly kind: "rate-limited"; readonly retryDelayMs: number }
  | { readonly kind: "other"; readonly code: Code }
);

/**
 * Sorts any thrown value into a {@link WaybillError}. A value that is not a `ConnectError` becomes
 * one (code `unknown`, kind `other`); INVALID_ARGUMENT without violations (a malformed request
 * that validation never saw) is `invalid` with none.
 *
 * @example
 * try { await waybill.orders.placeOrder(request); } catch (thrown) {
 *   const failure = waybillErrorOf(thrown);
 *   switch (failure.kind) {
 *     case "stock-shortage": return showShort(failure.skus);
 *     case "invalid": return showFields(failure.violations);
 *     default: throw failure.error;
 *   }
 * }
 */
export function waybillErrorOf(thrown: unknown): WaybillError {
  const error = ConnectError.from(thrown);
  const skus = stockShortageOf(error);
  if (skus) return { kind: "stock-shortage", skus, error };
  const delayMs = retryDelayMs(error);
  if (delayMs !== undefined) return { kind: "rate-limited", retryDelayMs: delayMs, error };
  switch (error.code) {
    case Code.InvalidArgument:
      return { kind: "invalid", violations: violationsOf(error) ?? [], error };
    case Code.NotFound:
      return { kind: "not-found", error };
    case Code.PermissionDenied:
      return { kind: "permission-denied", error };
    case Code.Unauthenticated:
      return { kind: "unauthenticated", error };
    default:
      return { kind: "other", code: error.code, error };
  }
}
