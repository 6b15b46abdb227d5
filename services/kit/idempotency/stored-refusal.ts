import { create, toBinary } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { connectCodeOf, DomainError, type DomainErrorDetail } from "../errors/index.js";

/** A refusal as the `idempotency` table stores it (`refusal`, jsonb), so a retry gets it again. */
export interface StoredRefusal {
  /** The Connect code, as its number (`Code.FailedPrecondition` is 9). */
  readonly code: number;
  readonly message: string;
  /** The error details, each a protobuf message by its type name, base64-encoded. */
  readonly details: readonly { readonly type: string; readonly value: string }[];
}

/** Connect codes of refusals that a retry of the same request would meet again. */
const definitiveCodes: ReadonlySet<Code> = new Set([Code.FailedPrecondition, Code.InvalidArgument, Code.OutOfRange]);

/** The Connect code an error will reach the caller with (`undefined` for an unexpected error). */
export function refusalCode(error: unknown): Code | undefined {
  if (error instanceof DomainError) return connectCodeOf[error.kind];
  if (error instanceof ConnectError) return error.code;
  return undefined;
}

/**
 * Whether `error` is a definitive refusal that is stored under the idempotency key like an answer:
 * FAILED_PRECONDITION, INVALID_ARGUMENT, OUT_OF_RANGE (the state or the request rules it out), plus
 * the codes in `also` that the caller knows to be final for its request. Transient failures
 * (UNAVAILABLE, ABORTED, DEADLINE_EXCEEDED, CANCELED, INTERNAL) never are: a retry may succeed.
 */
export function isDefinitiveRefusal(error: unknown, also: readonly Code[] = []): boolean {
  const code = refusalCode(error);
  return code !== undefined && (definitiveCodes.has(code) || also.includes(code));
}

/** The stored form of a refusal (a {@link DomainError} or a `ConnectError`, details included). */
export function toStoredRefusal(error: DomainError | ConnectError): StoredRefusal {
  if (error instanceof DomainError) {
    return {
      code: connectCodeOf[error.kind],
      message: error.message,
      details: error.details.map(storedDetail),
    };
  }
  return {
    code: error.code,
    message: error.rawMessage,
    details: error.details.map((detail) =>
      "desc" in detail
        ? storedDetail(detail)
        : { type: detail.type, value: Buffer.from(detail.value).toString("base64") },
    ),
  };
}

/** A typed error detail in its stored form: the type name and the binary message in base64. */
function storedDetail(detail: DomainErrorDetail): StoredRefusal["details"][number] {
  return {
    type: detail.desc.typeName,
    value: Buffer.from(toBinary(detail.desc, create(detail.desc, detail.value))).toString("base64"),
  };
}

/** Errors that answer what a key holds (a replayed refusal, a key reused): never stored again. */
const storedAnswers = new WeakSet<object>();

/** Marks `error` as the answer of what a key already holds (see {@link isStoredAnswer}). */
export function asStoredAnswer<E extends object>(error: E): E {
  storedAnswers.add(error);
  return error;
}

/** Whether `error` answers what a key already holds, so that storing it again would be pointless. */
export function isStoredAnswer(error: unknown): boolean {
  return typeof error === "object" && error !== null && storedAnswers.has(error);
}

/** The error a stored refusal is answered with: the same code, message and details each time. */
export function refusalError(refusal: StoredRefusal): ConnectError {
  const error = new ConnectError(refusal.message, refusal.code as Code);
  error.details.push(
    ...refusal.details.map((detail) => ({
      type: detail.type,
      value: new Uint8Array(Buffer.from(detail.value, "base64")),
    })),
  );
  return asStoredAnswer(error);
}
