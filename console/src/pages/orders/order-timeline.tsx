import { useQuery } from "@connectrpc/connect-query";
import { OrderService } from "@waybill/sdk/orders";
import { useMemo } from "react";
import { describeError } from "../../forms/describe-error.js";
import { useSignedIn } from "../../session/session-context.js";
import { Card, ErrorBanner, Spinner } from "../../ui/index.js";
import { timelineOf } from "./timeline.js";

/** The order's status log (GetOrderHistory): each status with who made the change and when. */
export function OrderTimeline({ orderId }: { readonly orderId: string }) {
  const session = useSignedIn();
  const history = useQuery(OrderService.method.getOrderHistory, { orderId });
  const entries = useMemo(() => timelineOf(history.data?.changes ?? []), [history.data]);
  return (
    <Card title="Timeline">
      {history.error && (
        <ErrorBanner
          error={describeError(history.error, { role: session.role, action: "read this order's history" })}
        />
      )}
      {history.isPending ? (
        <Spinner label="Loading the history…" />
      ) : (
        <ol className="timeline" data-testid="order-timeline">
          {entries.map((entry) => (
            <li key={entry.key} className="timeline-entry" data-status={entry.status}>
              <strong>{entry.status}</strong>
              <span className="muted"> · {entry.actor}</span>
              <span className="muted"> · {entry.time}</span>
              {entry.reason && <p className="muted">“{entry.reason}”</p>}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
