import type { Webhook } from "@waybill/sdk/notifications";
import { useState } from "react";
import { Button, Card } from "../../ui/index.js";

/**
 * The signing secret of a webhook just registered, shown this once: RegisterWebhook's first answer
 * is the only one that carries it (Waybill keeps it encrypted and never returns it again), so it
 * lives in the page's state only (the form's mutation is dropped from TanStack's cache), and is
 * gone after a reload or once dismissed. An empty secret is a replayed answer (the same attempt
 * sent again after its first answer was lost): the webhook exists, but its secret cannot be shown.
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
  if (!secret) {
    return (
      <Card title="Signing secret" className="secret-card">
        <section className="stack" aria-label="Signing secret">
          <p role="alert">
            The webhook to <span className="mono">{webhook?.url}</span> was registered by an earlier attempt whose
            answer was lost; its secret cannot be shown again. Delete it and register it again to get a new secret.
          </p>
          <div className="row">
            <Button variant="primary" onClick={onDismiss}>
              Understood
            </Button>
          </div>
        </section>
      </Card>
    );
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
