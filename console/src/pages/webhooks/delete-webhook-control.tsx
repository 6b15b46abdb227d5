import { createConnectQueryKey, useMutation } from "@connectrpc/connect-query";
import { useQueryClient } from "@tanstack/react-query";
import { NotificationService, type Webhook } from "@waybill/sdk/notifications";
import { useState } from "react";
import { useAttemptKey } from "../../forms/attempt-key.js";
import { describeError, type ShownError } from "../../forms/describe-error.js";
import { useSignedIn } from "../../session/session-context.js";
import { ConfirmControl } from "../../ui/index.js";

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
  const [failure, setFailure] = useState<ShownError>();

  async function confirm(): Promise<boolean> {
    setFailure(undefined);
    try {
      await remove.mutateAsync({
        webhookId: webhook.webhookId,
        idempotencyKey: attempt.keyFor({ delete: webhook.webhookId }),
      });
      attempt.settled();
      onDeleted(webhook);
      await queryClient.invalidateQueries({
        queryKey: createConnectQueryKey({ schema: NotificationService, cardinality: undefined }),
      });
      return true;
    } catch (thrown) {
      setFailure(describeError(thrown, { role: session.role, action: "delete webhooks" }));
      return false;
    }
  }

  return (
    <ConfirmControl
      label="Delete"
      labelVariant="ghost"
      title="Delete webhook"
      question={
        <>
          Delete the webhook to <span className="mono">{webhook.url}</span>? It receives nothing more, its pending
          deliveries are abandoned, and its secret is forgotten.
        </>
      }
      confirmLabel="Delete webhook"
      busy={remove.isPending}
      failure={failure}
      onConfirm={confirm}
    />
  );
}
