import { skipToken, useQuery } from "@connectrpc/connect-query";
import { keepPreviousData } from "@tanstack/react-query";
import {
  type GetEventBacklogResponse,
  ListDeadLettersRequestSchema,
  OperationsService,
} from "@waybill/contracts/waybill/operations/v1/operations_pb.js";
import { useState } from "react";
import { describeError } from "../../forms/describe-error.js";
import { checkRequest } from "../../forms/validate-request.js";
import { useSignedIn } from "../../session/session-context.js";
import { Card, EmptyState, ErrorBanner, SelectField, Spinner, TokenPager, usePageTokens } from "../../ui/index.js";
import { DeadLettersTable } from "./dead-letters-table.js";
import { filterChoices, stillListed, toggled } from "./operations-view.js";
import { RedriveControl } from "./redrive-control.js";

const pageSize = 20;

/**
 * The dead letters (ListDeadLetters), filtered by stream and consumer, page by page, with their
 * reasons; the chosen ones, or every one of the filtered consumer, can be redriven.
 */
export function DeadLettersCard({ backlog }: { readonly backlog: GetEventBacklogResponse | undefined }) {
  const session = useSignedIn();
  const [stream, setStream] = useState("");
  const [consumer, setConsumer] = useState("");
  const paging = usePageTokens();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const restart = () => {
    paging.restart();
    setSelected(new Set());
  };
  const checked = checkRequest(ListDeadLettersRequestSchema, {
    stream,
    consumer,
    page: { pageSize, pageToken: paging.token },
  });
  const list = useQuery(OperationsService.method.listDeadLetters, checked.valid ? checked.message : skipToken, {
    placeholderData: keepPreviousData,
  });
  const rows = list.data?.deadLetters ?? [];
  const chosen = stillListed(
    selected,
    rows.map((dead) => dead.dlqSequence),
  );
  const choices = filterChoices(backlog);
  const total = list.data?.page?.totalSize ?? 0n;

  return (
    <Card
      title="Dead letters"
      actions={
        <>
          <RedriveControl
            choice={{ kind: "chosen", dlqSequences: chosen }}
            label={`Redrive selected (${chosen.length})`}
            onDone={() => setSelected(new Set())}
          />
          {consumer && (
            <RedriveControl
              choice={{ kind: "consumer", consumer, count: total }}
              label={`Redrive all of ${consumer}`}
              onDone={restart}
            />
          )}
        </>
      }
    >
      <div className="row">
        <SelectField
          label="Stream"
          name="stream"
          value={stream}
          onChange={(e) => {
            setStream(e.target.value);
            restart();
          }}
        >
          <option value="">Every stream</option>
          {choices.streams.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Consumer"
          name="consumer"
          value={consumer}
          onChange={(e) => {
            setConsumer(e.target.value);
            restart();
          }}
        >
          <option value="">Every consumer</option>
          {choices.consumers.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </SelectField>
      </div>
      {!checked.valid && (
        <ErrorBanner error={{ title: "These filters cannot be used", violations: checked.violations }} />
      )}
      {list.error && (
        <ErrorBanner error={describeError(list.error, { role: session.role, action: "list dead letters" })} />
      )}
      {list.isPending && checked.valid ? (
        <Spinner label="Loading dead letters…" />
      ) : rows.length === 0 ? (
        <EmptyState title={stream || consumer ? "No dead letter matches" : "No dead letters"}>
          <p className="muted">Every consumer has handled every event it received.</p>
        </EmptyState>
      ) : (
        <DeadLettersTable
          deadLetters={rows}
          selected={selected}
          onToggle={(key) => setSelected((current) => toggled(current, key))}
        />
      )}
      <TokenPager paging={paging} page={list.data?.page} withTotal />
    </Card>
  );
}
