import { createHash } from "node:crypto";
import { type DescMessage, type MessageShape, toBinary } from "@bufbuild/protobuf";

/**
 * The fingerprint stored with an idempotency key (SHA-256 of the request's binary form,
 * base64url): a retry must match it, another request under the same key is refused. Exported so
 * a service that claims keys in its own statement stores exactly what {@link runIdempotent} checks.
 */
export function requestFingerprint<Desc extends DescMessage>(schema: Desc, request: MessageShape<Desc>): string {
  return createHash("sha256").update(toBinary(schema, request)).digest("base64url");
}
