import { createConnectQueryKey, useQuery } from "@connectrpc/connect-query";
import { useQueryClient } from "@tanstack/react-query";
import { OperationsService } from "@waybill/contracts/waybill/operations/v1/operations_pb.js";
import { Button, PageHeader } from "../../ui/index.js";
import { BacklogCard } from "./backlog-card.js";
import { DeadLettersCard } from "./dead-letters-card.js";
import { deadLetters } from "./operations-view.js";
import "./operations.css";

/**
 * `/operations` (admins): the dead letters with their reasons and their redrive, the consumers'
 * lag and the outboxes' backlog, from OperationsService. There is no stream of these figures, so
 * they are read on opening and on Refresh (and after a redrive), never on a timer.
 */
export function OperationsPage() {
  const queryClient = useQueryClient();
  const backlog = useQuery(OperationsService.method.getEventBacklog, {});
  const refresh = () =>
    queryClient.invalidateQueries({
      queryKey: createConnectQueryKey({ schema: OperationsService, cardinality: undefined }),
    });
  const total = backlog.data?.deadLettersTotal;
  return (
    <>
      <PageHeader
        title="Operations"
        actions={
          <>
            {total !== undefined && <span className="muted">{deadLetters(total)} waiting</span>}
            <Button onClick={refresh} busy={backlog.isFetching}>
              Refresh
            </Button>
          </>
        }
      />
      <DeadLettersCard backlog={backlog.data} />
      <BacklogCard backlog={backlog} />
    </>
  );
}
