import { type Notification, NotificationStatus } from "@waybill/sdk/notifications";
import { Badge, Button, type Column, Table } from "../../ui/index.js";
import { deliveryBadge } from "./delivery-status.js";
import { shortEventType } from "./event-types.js";
import { when } from "./when.js";

/** When a delivery moves next, or moved last: the next attempt while it waits, delivery time once sent. */
function nextOrDone(delivery: Notification): string {
  if (delivery.status === NotificationStatus.SENT) return `Delivered ${when(delivery.sentTime)}`;
  if (delivery.nextAttemptTime) return `Next attempt ${when(delivery.nextAttemptTime)}`;
  return "—";
}

/** Webhook deliveries, newest first: event, endpoint, status, attempts, last error, and a redrive of a dead one. */
export function DeliveriesTable({
  deliveries,
  redriving,
  onRedrive,
}: {
  readonly deliveries: readonly Notification[];
  readonly redriving: boolean;
  readonly onRedrive: (delivery: Notification) => void;
}) {
  const columns: Column<Notification>[] = [
    {
      key: "event",
      header: "Event",
      cell: (d) => (
        <span title={d.eventId}>
          {shortEventType(d.eventType)}
          <br />
          <span className="muted mono">{d.eventId.slice(0, 8)}</span>
        </span>
      ),
    },
    { key: "url", header: "Webhook", cell: (d) => <span className="mono">{d.recipient}</span> },
    {
      key: "status",
      header: "Status",
      cell: (d) => {
        const look = deliveryBadge(d.status);
        return <Badge tone={look.tone}>{look.label}</Badge>;
      },
    },
    { key: "attempts", header: "Attempts", numeric: true, cell: (d) => d.attempts },
    { key: "error", header: "Last error", cell: (d) => d.lastError || "—" },
    { key: "when", header: "When", cell: nextOrDone },
    {
      key: "actions",
      header: "",
      cell: (d) =>
        d.status === NotificationStatus.DEAD ? (
          <Button variant="ghost" busy={redriving} onClick={() => onRedrive(d)}>
            Redrive
          </Button>
        ) : null,
    },
  ];
  return <Table columns={columns} rows={deliveries} rowKey={(d) => d.notificationId} caption="Deliveries" />;
}
