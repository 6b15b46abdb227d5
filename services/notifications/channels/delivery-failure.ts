/**
 * A failed delivery attempt: `message` is what the notification's `last_error` shows (an SMTP
 * reply, an HTTP status, a timeout); `permanent` when retrying cannot help (a mail server refusing
 * an address for good), so the notification is given up at once.
 */
export class DeliveryFailure extends Error {
  override readonly name = "DeliveryFailure";

  constructor(
    message: string,
    readonly permanent = false,
  ) {
    super(message);
  }
}
