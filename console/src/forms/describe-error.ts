import { Code, waybillErrorOf } from "@waybill/sdk";
import type { RoleName } from "../session/session.js";
import type { PathViolation } from "./field-errors.js";

/** A failed call as the console shows it: a sentence, and the fields to mark, if any. */
export interface ShownError {
  readonly title: string;
  readonly detail?: string | undefined;
  readonly violations: readonly PathViolation[];
}

/**
 * Words for a failed call, by what the user can do about it: a shortage names each SKU and what
 * is available, an invalid request lists its fields, a refusal says what the role may not do.
 */
export function describeError(
  thrown: unknown,
  context: {
    role?: RoleName;
    action?: string;
    /** The proto field a conflict (ALREADY_EXISTS) is about, e.g. `sku`: the message marks it. */
    conflictField?: string;
  } = {},
): ShownError {
  const failure = waybillErrorOf(thrown);
  const action = context.action ?? "do this";
  switch (failure.kind) {
    case "stock-shortage":
      return {
        title: "Not enough stock",
        detail: failure.skus.map((s) => `${s.sku}: ${s.requested} requested, ${s.available} available`).join("; "),
        violations: [],
      };
    case "invalid":
      return {
        title: "Some fields need attention",
        detail: failure.violations.length === 0 ? failure.error.rawMessage : undefined,
        violations: failure.violations,
      };
    case "permission-denied":
      return {
        title: `A ${context.role ?? "user"} may not ${action}`,
        detail: failure.error.rawMessage,
        violations: [],
      };
    case "unauthenticated":
      return { title: "Your sign-in is no longer valid", detail: "Sign in again.", violations: [] };
    case "not-found":
      return { title: "Not found", detail: failure.error.rawMessage, violations: [] };
    case "rate-limited":
      return {
        title: "Too many requests",
        detail: `Try again in ${Math.ceil(failure.retryDelayMs / 1000)} s.`,
        violations: [],
      };
    default:
      if (failure.code === Code.AlreadyExists) {
        const message = failure.error.rawMessage;
        return {
          title: "Already exists",
          detail: message,
          violations: context.conflictField ? [{ field: context.conflictField, message }] : [],
        };
      }
      return { title: "The call failed", detail: failure.error.rawMessage, violations: [] };
  }
}
