import type { UseQueryResult } from "@tanstack/react-query";
import type {
  ConsumerLag,
  GetEventBacklogResponse,
  OutboxBacklog,
} from "@waybill/contracts/waybill/operations/v1/operations_pb.js";
import { describeError } from "../../forms/describe-error.js";
import { useSignedIn } from "../../session/session-context.js";
import { Badge, Card, type Column, EmptyState, ErrorBanner, Spinner, Table } from "../../ui/index.js";
import { formatAge } from "./operations-view.js";

const consumerColumns: readonly Column<ConsumerLag>[] = [
  { key: "consumer", header: "Consumer", cell: (lag) => <span className="mono">{lag.consumer}</span> },
  { key: "stream", header: "Stream", cell: (lag) => <span className="mono">{lag.stream}</span> },
  { key: "pending", header: "Not yet delivered", numeric: true, cell: (lag) => String(lag.pending) },
  { key: "ack-pending", header: "Awaiting ack", numeric: true, cell: (lag) => String(lag.ackPending) },
  { key: "redelivered", header: "Redelivered", numeric: true, cell: (lag) => String(lag.redelivered) },
  {
    key: "dead-letters",
    header: "Dead letters",
    numeric: true,
    cell: (lag) => (lag.deadLetters > 0n ? <Badge tone="danger">{String(lag.deadLetters)}</Badge> : "0"),
  },
];

const outboxColumns: readonly Column<OutboxBacklog>[] = [
  { key: "service", header: "Service", cell: (outbox) => outbox.service },
  { key: "unpublished", header: "Unpublished events", numeric: true, cell: (outbox) => String(outbox.unpublished) },
  { key: "oldest", header: "Oldest waiting", numeric: true, cell: (outbox) => formatAge(outbox.oldestAge) },
];

/** Consumer lag and outbox backlog (GetEventBacklog), as of the last refresh. */
export function BacklogCard({ backlog }: { readonly backlog: UseQueryResult<GetEventBacklogResponse> }) {
  const session = useSignedIn();
  const data = backlog.data;
  return (
    <Card title="Event backlog">
      {backlog.error && (
        <ErrorBanner error={describeError(backlog.error, { role: session.role, action: "read the event backlog" })} />
      )}
      {backlog.isPending ? (
        <Spinner label="Loading the backlog…" />
      ) : (
        <>
          <h3>Consumers</h3>
          {data && data.consumers.length > 0 ? (
            <Table
              caption="Consumer lag"
              columns={consumerColumns}
              rows={data.consumers}
              rowKey={(lag) => `${lag.stream}/${lag.consumer}`}
            />
          ) : (
            <EmptyState title="No durable consumers yet" />
          )}
          <h3>Outboxes</h3>
          <p className="muted">Of the services the answering process runs.</p>
          {data && data.outboxes.length > 0 ? (
            <Table caption="Outbox backlog" columns={outboxColumns} rows={data.outboxes} rowKey={(o) => o.service} />
          ) : (
            <EmptyState title="This process runs no service" />
          )}
        </>
      )}
    </Card>
  );
}
