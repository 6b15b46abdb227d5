import { createConnectQueryKey, useMutation, useQuery } from "@connectrpc/connect-query";
import { keepPreviousData, useQueryClient } from "@tanstack/react-query";
import {
  type ListNotificationsResponse,
  type Notification,
  NotificationChannel,
  NotificationService,
  type NotificationStatus,
  RedriveWebhookDeliveriesRequestSchema,
  type Webhook,
} from "@waybill/sdk/notifications";
import { useState } from "react";
import { useAttemptKey } from "../../forms/attempt-key.js";
import { describeError, type ShownError } from "../../forms/describe-error.js";
import { checkRequest } from "../../forms/validate-request.js";
import { useSignedIn } from "../../session/session-context.js";
import { Button, Card, EmptyState, ErrorBanner, Pager, SelectField, Spinner } from "../../ui/index.js";
import { DeliveriesTable } from "./deliveries-table.js";
import { deliveryBadge, deliveryStatuses, isUnsettled, unsettledRefreshMs } from "./delivery-status.js";
import { type RedriveTarget, redriveScope, redriveSummary } from "./redrive.js";
import { usePageTokens } from "./use-page-tokens.js";

const pageSize = 20;

/** Whether a page of deliveries holds one that may still change. */
function anyUnsettled(data: ListNotificationsResponse | undefined): boolean {
  return data?.notifications.some((n) => isUnsettled(n.status)) ?? false;
}

/**
 * The webhook deliveries of the brand (ListNotifications, channel webhook), of one webhook when one
 * is chosen, by status, page by page: status, attempts, last error; and the redrive of dead ones,
 * one or all (RedriveWebhookDeliveries).
 */
export function WebhookDeliveries({
  brandId,
  webhooks,
  webhookId,
  onWebhook,
}: {
  readonly brandId: string;
  readonly webhooks: readonly Webhook[];
  readonly webhookId: string;
  readonly onWebhook: (webhookId: string) => void;
}) {
  const session = useSignedIn();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<NotificationStatus>();
  const pages = usePageTokens();
  const [failure, setFailure] = useState<ShownError>();
  const [outcome, setOutcome] = useState<string>();
  const redrive = useMutation(NotificationService.method.redriveWebhookDeliveries);
  const attempt = useAttemptKey();
  const input = {
    brandId,
    channel: NotificationChannel.WEBHOOK,
    webhookId,
    statuses: status === undefined ? [] : [status],
    page: { pageSize, pageToken: pages.token },
  };
  const list = useQuery(NotificationService.method.listNotifications, input, {
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (anyUnsettled(query.state.data) ? unsettledRefreshMs : false),
  });
  const deliveries: readonly Notification[] = list.data?.notifications ?? [];

  async function runRedrive(target: RedriveTarget | undefined) {
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

  return (
    <Card
      title="Deliveries"
      actions={
        <Button
          onClick={() => runRedrive(undefined)}
          busy={redrive.isPending}
          disabled={!brandId}
          title={brandId ? undefined : "Pick a brand to redrive all its dead deliveries"}
        >
          {webhookId ? "Redrive this webhook's dead deliveries" : "Redrive all dead deliveries"}
        </Button>
      }
    >
      <div className="stack" data-testid="webhook-deliveries">
        <div className="row">
          <SelectField
            label="Webhook"
            name="delivery-webhook"
            value={webhookId}
            onChange={(e) => {
              onWebhook(e.target.value);
              pages.restart();
            }}
          >
            <option value="">Every webhook</option>
            {webhooks.map((w) => (
              <option key={w.webhookId} value={w.webhookId}>
                {w.url}
              </option>
            ))}
          </SelectField>
          <SelectField
            label="Status"
            name="delivery-status"
            value={status === undefined ? "" : String(status)}
            onChange={(e) => {
              setStatus(e.target.value ? (Number(e.target.value) as NotificationStatus) : undefined);
              pages.restart();
            }}
          >
            <option value="">Every status</option>
            {deliveryStatuses.map((s) => (
              <option key={s} value={String(s)}>
                {deliveryBadge(s).label}
              </option>
            ))}
          </SelectField>
        </div>
        {outcome && (
          <p className="muted" role="status">
            {outcome}
          </p>
        )}
        <ErrorBanner error={failure} extra={failure?.violations.map((v) => `${v.field}: ${v.message}`)} />
        {list.error && (
          <ErrorBanner error={describeError(list.error, { role: session.role, action: "list webhook deliveries" })} />
        )}
        {list.isPending ? (
          <Spinner label="Loading deliveries…" />
        ) : deliveries.length === 0 ? (
          <EmptyState title={status === undefined ? "No deliveries yet" : "No delivery matches"}>
            Each event a webhook receives becomes a delivery here, with its attempts.
          </EmptyState>
        ) : (
          <DeliveriesTable deliveries={deliveries} redriving={redrive.isPending} onRedrive={runRedrive} />
        )}
        <Pager
          page={pages.page}
          hasNext={Boolean(list.data?.page?.nextPageToken)}
          onPrevious={pages.previous}
          onNext={() => pages.next(list.data?.page?.nextPageToken)}
        />
      </div>
    </Card>
  );
}
