import type { Webhook } from "@waybill/sdk/notifications";
import { Button, type Column, Table } from "../../ui/index.js";
import { DeleteWebhookControl } from "./delete-webhook-control.js";
import { describeEventTypes } from "./event-types.js";
import { when } from "./when.js";

/** The brand's webhooks (oldest first, as listed): URL, events, and the actions on each. */
export function WebhooksTable({
  webhooks,
  showBrand,
  selected,
  onShowDeliveries,
  onDeleted,
}: {
  readonly webhooks: readonly Webhook[];
  readonly showBrand: boolean;
  readonly selected: string;
  readonly onShowDeliveries: (webhook: Webhook) => void;
  readonly onDeleted: (webhook: Webhook) => void;
}) {
  const columns: Column<Webhook>[] = [
    ...(showBrand ? [{ key: "brand", header: "Brand", cell: (w: Webhook) => w.brandId }] : []),
    { key: "url", header: "URL", cell: (w) => <span className="mono">{w.url}</span> },
    { key: "events", header: "Events", cell: (w) => describeEventTypes(w.eventTypes) },
    { key: "description", header: "Description", cell: (w) => w.description || "—" },
    { key: "created", header: "Registered", cell: (w) => when(w.createTime) },
    {
      key: "actions",
      header: "",
      cell: (w) => (
        <div className="row webhook-actions">
          <Button variant="ghost" aria-pressed={selected === w.webhookId} onClick={() => onShowDeliveries(w)}>
            Deliveries
          </Button>
          <DeleteWebhookControl webhook={w} onDeleted={onDeleted} />
        </div>
      ),
    },
  ];
  return <Table columns={columns} rows={webhooks} rowKey={(w) => w.webhookId} caption="Webhooks" />;
}
