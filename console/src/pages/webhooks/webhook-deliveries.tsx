import { useQuery } from "@connectrpc/connect-query";
import { keepPreviousData } from "@tanstack/react-query";
import {
  type ListNotificationsResponse,
  type Notification,
  NotificationChannel,
  NotificationService,
  type NotificationStatus,
  type Webhook,
} from "@waybill/sdk/notifications";
import { useState } from "react";
import { describeError } from "../../forms/describe-error.js";
import { useSignedIn } from "../../session/session-context.js";
import {
  Button,
  Card,
  EmptyState,
  ErrorBanner,
  SelectField,
  Spinner,
  TokenPager,
  usePageTokens,
} from "../../ui/index.js";
import { DeliveriesTable } from "./deliveries-table.js";
import { deliveryBadge, deliveryStatuses, isUnsettled, unsettledRefreshMs } from "./delivery-status.js";
import { useRedrive } from "./use-redrive.js";

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
  const [status, setStatus] = useState<NotificationStatus>();
  const pages = usePageTokens();
  const redrive = useRedrive(brandId, webhookId);
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

  return (
    <Card
      title="Deliveries"
      actions={
        <Button
          onClick={() => redrive.run(undefined)}
          busy={redrive.pending}
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
        {redrive.outcome && (
          <p className="muted" role="status">
            {redrive.outcome}
          </p>
        )}
        <ErrorBanner
          error={redrive.failure}
          extra={redrive.failure?.violations.map((v) => `${v.field}: ${v.message}`)}
        />
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
          <DeliveriesTable deliveries={deliveries} redriving={redrive.pending} onRedrive={redrive.run} />
        )}
        <TokenPager paging={pages} page={list.data?.page} />
      </div>
    </Card>
  );
}
