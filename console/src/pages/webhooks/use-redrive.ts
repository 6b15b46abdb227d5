import { createConnectQueryKey, useMutation } from "@connectrpc/connect-query";
import { useQueryClient } from "@tanstack/react-query";
import { NotificationService, RedriveWebhookDeliveriesRequestSchema } from "@waybill/sdk/notifications";
import { useState } from "react";
import { useAttemptKey } from "../../forms/attempt-key.js";
import { describeError, type ShownError } from "../../forms/describe-error.js";
import { checkRequest } from "../../forms/validate-request.js";
import { useSignedIn } from "../../session/session-context.js";
import { type RedriveTarget, redriveScope, redriveSummary } from "./redrive.js";

/** The redrive of dead deliveries as a view uses it: the action, whether it runs, and how it went. */
export interface Redrive {
  run(target: RedriveTarget | undefined): Promise<void>;
  readonly pending: boolean;
  readonly failure: ShownError | undefined;
  /** The outcome in words, after a redrive. */
  readonly outcome: string | undefined;
}

/**
 * Redrives dead webhook deliveries (RedriveWebhookDeliveries): one (`target`), or every dead one
 * of the brand, of `webhookId` when one is chosen (see `redriveScope`). Validated first, with an
 * idempotency key per attempt; the deliveries are read again after it.
 */
export function useRedrive(brandId: string, webhookId: string): Redrive {
  const session = useSignedIn();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<ShownError>();
  const [outcome, setOutcome] = useState<string>();
  const redrive = useMutation(NotificationService.method.redriveWebhookDeliveries);
  const attempt = useAttemptKey();

  async function run(target: RedriveTarget | undefined) {
    setFailure(undefined);
    setOutcome(undefined);
    const scope = redriveScope(target, brandId, webhookId);
    if (!scope) return;
    const checked = checkRequest(RedriveWebhookDeliveriesRequestSchema, {
      ...scope,
      notificationIds: [...scope.notificationIds],
      idempotencyKey: attempt.keyFor(scope),
    });
    if (!checked.valid) {
      setFailure({ title: "Cannot redrive", violations: checked.violations });
      return;
    }
    try {
      const response = await redrive.mutateAsync(checked.message);
      attempt.settled();
      setOutcome(redriveSummary(response.redrivenCount));
      await queryClient.invalidateQueries({
        queryKey: createConnectQueryKey({
          schema: NotificationService.method.listNotifications,
          cardinality: undefined,
        }),
      });
    } catch (thrown) {
      setFailure(describeError(thrown, { role: session.role, action: "redrive webhook deliveries" }));
    }
  }

  return { run, pending: redrive.isPending, failure, outcome };
}
