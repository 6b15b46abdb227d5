import { create } from "@bufbuild/protobuf";
import { DurationSchema } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError } from "@connectrpc/connect";
import { RetryInfoSchema } from "@waybill/contracts/google/rpc/retry_info_pb.js";
import { describeRateLimit, type RateLimit } from "./rate-limit.js";

/**
 * The answer to a request over its caller's limit: RESOURCE_EXHAUSTED (HTTP 429 in the Connect
 * protocol) with the wait as a `google.rpc.RetryInfo` detail, which the SDK honours, and as a
 * `Retry-After` header in whole seconds for plain HTTP clients.
 *
 * @example
 * throw rateLimitRefusal({ perSecond: 50, burst: 100 }, "this brand token", 120);
 */
export function rateLimitRefusal(limit: RateLimit, holder: string, retryAfterMs: number): ConnectError {
  const waitMs = Math.max(1, Math.ceil(retryAfterMs));
  const seconds = Math.floor(waitMs / 1000);
  const retryDelay = create(DurationSchema, { seconds: BigInt(seconds), nanos: (waitMs % 1000) * 1_000_000 });
  return new ConnectError(
    `rate limit exceeded: ${holder} may send ${describeRateLimit(limit)} - retry in ${(waitMs / 1000).toFixed(2)} s`,
    Code.ResourceExhausted,
    { "retry-after": String(Math.max(1, Math.ceil(waitMs / 1000))) },
    [{ desc: RetryInfoSchema, value: create(RetryInfoSchema, { retryDelay }) }],
  );
}
