/** One email, rendered. */
export interface OutgoingEmail {
  /** The notification's id; also the email's Message-ID, so a repeat is recognisable. */
  readonly notificationId: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** Where emails go. */
export interface MailChannel {
  /** Sends one email; throws {@link DeliveryFailure} when it was not accepted. */
  send(email: OutgoingEmail): Promise<void>;
  /** Closes connections (shutdown). */
  close(): void;
  /** Where emails go, for the start-up log (no credentials). */
  readonly description: string;
}

/** The message headers every email carries, whichever way it goes. */
export function mailHeaders(email: OutgoingEmail, mailFrom: string) {
  return {
    from: mailFrom,
    to: email.to,
    subject: email.subject,
    text: email.text,
    html: email.html,
    messageId: `<${email.notificationId}@waybill>`,
    headers: { "X-Waybill-Notification-Id": email.notificationId },
  };
}
