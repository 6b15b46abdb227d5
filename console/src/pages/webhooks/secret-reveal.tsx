import type { Webhook } from "@waybill/sdk/notifications";
import { useState } from "react";
import { Button, Card } from "../../ui/index.js";

/**
 * The signing secret of a webhook just registered, shown this once: RegisterWebhook's first answer
 * is the only one that carries it (Waybill keeps it encrypted and never returns it again), so it
 * lives in this component's state only, and is gone after a reload or once dismissed.
 */
export function SecretReveal({
  webhook,
  secret,
  onDismiss,
}: {
  readonly webhook: Webhook | undefined;
  readonly secret: string;
  readonly onDismiss: () => void;
}) {
  const [copied, setCopied] = useState<"no" | "yes" | "failed">("no");
  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied("yes");
    } catch {
      // No clipboard (permission refused, insecure origin): the text stays there to select by hand.
      setCopied("failed");
    }
  }
  return (
    <Card title="Signing secret" className="secret-card">
      <section className="stack" aria-label="Signing secret">
        <p>
          <strong>Copy it now: you will not see this again.</strong> Deliveries to{" "}
          <span className="mono">{webhook?.url}</span> are signed with it (
          <span className="mono">Waybill-Signature</span>
          ); Waybill stores it encrypted and never shows it again. A lost secret means deleting the webhook and
          registering it again.
        </p>
        <div className="row secret-row">
          <code className="secret-value" data-testid="webhook-secret">
            {secret}
          </code>
          <Button onClick={copy}>{copied === "yes" ? "Copied" : "Copy"}</Button>
        </div>
        {copied === "failed" && (
          <p className="muted">The browser refused the clipboard: select the secret and copy it.</p>
        )}
        <div className="row">
          <Button variant="primary" onClick={onDismiss}>
            I have stored it
          </Button>
        </div>
      </section>
    </Card>
  );
}
