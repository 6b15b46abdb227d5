import { createConnectQueryKey, useMutation } from "@connectrpc/connect-query";
import { useQueryClient } from "@tanstack/react-query";
import { NotificationService, type Webhook } from "@waybill/sdk/notifications";
import { useState } from "react";
import { useAttemptKey } from "../../forms/attempt-key.js";
import { describeError, type ShownError } from "../../forms/describe-error.js";
import { useSignedIn } from "../../session/session-context.js";
import { Button, ErrorBanner } from "../../ui/index.js";

/** Delete, after a confirmation saying what it does (DeleteWebhook: pending deliveries are abandoned). */
export function DeleteWebhookControl({
  webhook,
  onDeleted,
}: {
  readonly webhook: Webhook;
  readonly onDeleted: (webhook: Webhook) => void;
}) {
  const session = useSignedIn();
  const queryClient = useQueryClient();
  const remove = useMutation(NotificationService.method.deleteWebhook);
  const attempt = useAttemptKey();
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<ShownError>();

  async function confirm() {
    setFailure(undefined);
    try {
      await remove.mutateAsync({
        webhookId: webhook.webhookId,
        idempotencyKey: attempt.keyFor({ delete: webhook.webhookId }),
      });
      attempt.settled();
      setConfirming(false);
      onDeleted(webhook);
      await queryClient.invalidateQueries({
        queryKey: createConnectQueryKey({ schema: NotificationService, cardinality: undefined }),
      });
    } catch (thrown) {
      setFailure(describeError(thrown, { role: session.role, action: "delete webhooks" }));
    }
  }

  if (!confirming) {
    return (
      <Button variant="ghost" onClick={() => setConfirming(true)}>
        Delete
      </Button>
    );
  }
  return (
    <div className="confirm" role="alertdialog" aria-label="Delete webhook">
      <p>
        Delete the webhook to <span className="mono">{webhook.url}</span>? It receives nothing more, its pending
        deliveries are abandoned, and its secret is forgotten.
      </p>
      <ErrorBanner error={failure} />
      <div className="row">
        <Button variant="danger" onClick={confirm} busy={remove.isPending}>
          Delete webhook
        </Button>
        <Button variant="ghost" onClick={() => setConfirming(false)}>
          Keep it
        </Button>
      </div>
    </div>
  );
}
