import type { CheckContext } from "./check-context.js";
import { type CheckResult, verdict } from "./check-result.js";

interface EmailRow {
  readonly notification_id: string;
  readonly template: string;
  readonly status: string;
  readonly attempts: number;
  readonly last_error: string;
}

/**
 * Every email was sent and reached the SMTP server; one the server got more than once (a crash
 * between its answer and the record) shows at least as many attempts, so the repeat is visible;
 * the server got nothing that is not a notification.
 */
export async function emailsDelivered(ctx: CheckContext): Promise<CheckResult> {
  const rows = await ctx.db.rows<EmailRow>(
    `select notification_id::text, template, status, attempts::int, last_error
     from notifications.notifications where channel = 'email'`,
  );
  const received = ctx.smtp.received();
  const evidence: string[] = [];
  let repeated = 0;
  const known = new Set<string>();
  for (const row of rows) {
    const id = `${row.notification_id}@waybill`;
    known.add(id);
    const times = received.get(id) ?? 0;
    const what = `${row.template} email ${row.notification_id}`;
    if (row.status !== "sent")
      evidence.push(`${what} is ${row.status} after ${row.attempts} attempts (${row.last_error})`);
    else if (times === 0) evidence.push(`${what} is sent but the SMTP server never got it`);
    if (times > 1) {
      repeated++;
      if (times > row.attempts) evidence.push(`${what} received ${times} times but shows ${row.attempts} attempt(s)`);
    }
  }
  for (const [id, times] of received)
    if (!known.has(id)) evidence.push(`the SMTP server got ${times} message(s) ${id} that no notification is`);
  const total = [...received.values()].reduce((sum, n) => sum + n, 0);
  return verdict(
    "emails sent, repeats counted in attempts",
    `${rows.length} emails, ${total} messages received, ${repeated} received more than once`,
    evidence,
  );
}
