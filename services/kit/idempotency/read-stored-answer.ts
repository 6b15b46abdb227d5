import { type DescMessage, fromBinary, type MessageShape } from "@bufbuild/protobuf";
import type { ConnectError } from "@connectrpc/connect";
import type { Kysely } from "kysely";
import type { AnyDatabase } from "../database/index.js";
import { DomainError } from "../errors/index.js";
import { requestFingerprint } from "./request-fingerprint.js";
import type { IdempotentDatabase, IdempotentRequest } from "./run-idempotent.js";
import { asStoredAnswer, refusalError } from "./stored-refusal.js";

/** What an idempotency key holds (see {@link readStoredAnswer}). */
export type StoredAnswer<Res extends DescMessage> =
  | { readonly kind: "none" }
  | { readonly kind: "response"; readonly response: MessageShape<Res> }
  | { readonly kind: "refusal"; readonly error: ConnectError }
  /** The key answers another request; `refused` tells whether that answer is a refusal. */
  | { readonly kind: "other-request"; readonly error: DomainError; readonly refused: boolean };

/**
 * Reads what the key holds, without claiming it: its stored response, its stored refusal, or
 * nothing yet. A key stored for a different request is `other-request` with the refusal to
 * answer. One statement.
 */
export async function readStoredAnswer<Req extends DescMessage, Res extends DescMessage>(
  db: AnyDatabase,
  request: IdempotentRequest<Req>,
  responseSchema: Res,
): Promise<StoredAnswer<Res>> {
  const idempotent: Kysely<IdempotentDatabase> = db;
  const row = await idempotent
    .selectFrom("idempotency")
    .select(["request_hash", "response", "refusal"])
    .where("scope", "=", request.scope)
    .where("key", "=", request.key)
    .executeTakeFirst();
  if (!row || (row.response === null && row.refusal === null)) return { kind: "none" };
  if (row.request_hash !== requestFingerprint(request.requestSchema, request.request)) {
    return { kind: "other-request", error: keyReused(request.key), refused: row.refusal !== null };
  }
  if (row.refusal !== null) return { kind: "refusal", error: refusalError(row.refusal) };
  if (row.response === null) return { kind: "none" };
  return { kind: "response", response: fromBinary(responseSchema, row.response) };
}

/** The answer of a key that holds one: its response, or its refusal thrown. */
export function answerOf<Response>(
  stored:
    | { readonly kind: "response"; readonly response: Response }
    | { readonly kind: "refusal" | "other-request"; readonly error: Error },
): Response {
  if (stored.kind === "response") return stored.response;
  throw stored.error;
}

/** The refusal of a key used again for a different request. */
export function keyReused(key: string): DomainError {
  return asStoredAnswer(
    new DomainError("failed_precondition", `idempotency key ${key} was already used for a different request`),
  );
}
