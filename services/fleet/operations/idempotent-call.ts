/**
 * The client's idempotency key and the request it came with: the request is fingerprinted, so
 * the same key sent with another request is refused rather than replayed.
 */
export interface IdempotentCall<Request> {
  readonly key: string;
  readonly request: Request;
}
