import { useQuery } from "@connectrpc/connect-query";
import { keepPreviousData } from "@tanstack/react-query";
import { NotificationService, type RegisterWebhookResponse, type Webhook } from "@waybill/sdk/notifications";
import { useState } from "react";
import { describeError } from "../../forms/describe-error.js";
import { useSignedIn } from "../../session/session-context.js";
import {
  Button,
  Card,
  EmptyState,
  ErrorBanner,
  PageHeader,
  Spinner,
  TokenPager,
  usePageTokens,
} from "../../ui/index.js";
import { BrandPicker } from "../items/brand-picker.js";
import { LiveIndicator } from "../items/live-indicator.js";
import { useBrand } from "../items/use-brand.js";
import { SecretReveal } from "./secret-reveal.js";
import { useLiveDeliveries } from "./use-live-deliveries.js";
import { WebhookDeliveries } from "./webhook-deliveries.js";
import { WebhookForm } from "./webhook-form.js";
import { WebhooksTable } from "./webhooks-table.js";
import "./webhooks.css";

const pageSize = 20;

/**
 * `/webhooks`: the brand's webhooks (ListWebhooks, page by page), registering one (its signing
 * secret shown once), deleting one after a confirmation, and their deliveries with the redrive of
 * dead ones. An operator picks the brand, or sees every brand's webhooks and deliveries.
 */
export function WebhooksPage() {
  const session = useSignedIn();
  const brand = useBrand();
  const pages = usePageTokens();
  const [registering, setRegistering] = useState(false);
  const [registered, setRegistered] = useState<RegisterWebhookResponse>();
  const [webhookId, setWebhookId] = useState("");
  const live = useLiveDeliveries(brand.brandId);
  const list = useQuery(
    NotificationService.method.listWebhooks,
    { brandId: brand.brandId, page: { pageSize, pageToken: pages.token } },
    { placeholderData: keepPreviousData },
  );
  const webhooks: readonly Webhook[] = list.data?.webhooks ?? [];
  const onPicked = () => {
    pages.restart();
    setWebhookId("");
    setRegistered(undefined);
  };

  return (
    <>
      <PageHeader
        title="Webhooks"
        actions={
          <>
            <LiveIndicator state={live} />
            <Button
              variant="primary"
              onClick={() => setRegistering(true)}
              disabled={registering || !brand.brandId}
              title={brand.brandId ? undefined : "Pick a brand to register a webhook for it"}
            >
              New webhook
            </Button>
          </>
        }
      />
      {brand.canPick && (
        <Card>
          <div className="row">
            <BrandPicker
              brand={brand}
              hint="Operators see every brand; pick one to register webhooks"
              onPicked={onPicked}
            />
          </div>
        </Card>
      )}
      {registered && (
        <SecretReveal
          webhook={registered.webhook}
          secret={registered.signingSecret}
          onDismiss={() => setRegistered(undefined)}
        />
      )}
      {registering && brand.brandId && (
        <WebhookForm
          brandId={brand.brandId}
          onRegistered={(response) => {
            setRegistering(false);
            setRegistered(response);
          }}
          onCancel={() => setRegistering(false)}
        />
      )}
      <Card title="Endpoints">
        {list.error && (
          <ErrorBanner error={describeError(list.error, { role: session.role, action: "list webhooks" })} />
        )}
        {list.isPending ? (
          <Spinner label="Loading webhooks…" />
        ) : webhooks.length === 0 ? (
          <EmptyState title="No webhooks yet">
            A webhook receives the brand's events as signed HTTP POSTs.
            {brand.brandId && !registering && (
              <Button variant="primary" onClick={() => setRegistering(true)}>
                Register the first webhook
              </Button>
            )}
          </EmptyState>
        ) : (
          <WebhooksTable
            webhooks={webhooks}
            showBrand={brand.canPick && !brand.brandId}
            selected={webhookId}
            onShowDeliveries={(w) => setWebhookId(w.webhookId)}
            onDeleted={(w) => {
              if (w.webhookId === webhookId) setWebhookId("");
            }}
          />
        )}
        <TokenPager paging={pages} page={list.data?.page} />
      </Card>
      <WebhookDeliveries brandId={brand.brandId} webhooks={webhooks} webhookId={webhookId} onWebhook={setWebhookId} />
    </>
  );
}
