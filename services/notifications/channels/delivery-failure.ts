/**
 * A failed delivery attempt: `message` is what the notification's `last_error` shows (an SMTP
 * reply; for a webhook only a category and the HTTP status, see `webhook-poster.ts`);
 * `permanent` when retrying cannot help (a mail server refusing an address for good), so the
 * notification is given up at once. `cause` keeps the underlying error for logs.
 */
export class DeliveryFailure extends Error {
  override readonly name = "DeliveryFailure";

  constructor(
    message: string,
    readonly permanent = false,
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
  }
}
