import { timestampDate } from "@bufbuild/protobuf/wkt";
import type { DeadLetter } from "@waybill/contracts/waybill/operations/v1/operations_pb.js";
import { Badge, type Column, Table } from "../../ui/index.js";
import { reasonView } from "./operations-view.js";

/** The dead letters of one page, each with a checkbox to choose it for a redrive. */
export function DeadLettersTable({
  deadLetters,
  selected,
  onToggle,
}: {
  readonly deadLetters: readonly DeadLetter[];
  readonly selected: ReadonlySet<string>;
  readonly onToggle: (dlqSequence: string) => void;
}) {
  const columns: readonly Column<DeadLetter>[] = [
    {
      key: "select",
      header: <span className="visually-hidden">Choose</span>,
      cell: (dead) => (
        <input
          type="checkbox"
          aria-label={`Choose dead letter #${dead.dlqSequence}`}
          checked={selected.has(String(dead.dlqSequence))}
          disabled={dead.messageGone}
          onChange={() => onToggle(String(dead.dlqSequence))}
        />
      ),
    },
    { key: "sequence", header: "#", numeric: true, cell: (dead) => String(dead.dlqSequence) },
    {
      key: "reason",
      header: "Reason",
      cell: (dead) => {
        const reason = reasonView(dead.reason);
        return (
          <span title={reason.explanation}>
            <Badge tone={reason.tone}>{reason.label}</Badge>
          </span>
        );
      },
    },
    { key: "consumer", header: "Consumer", cell: (dead) => <span className="mono">{dead.consumer}</span> },
    {
      key: "event",
      header: "Event",
      cell: (dead) => (
        <span className="dead-letter-event">
          {dead.messageGone ? (
            <span className="muted">gone from its stream</span>
          ) : (
            <>
              <span>{dead.eventType.replace(/^waybill\./, "") || "unknown type"}</span>
              <span className="mono muted">{dead.eventId}</span>
            </>
          )}
          <span className="mono muted">{`${dead.stream} #${dead.streamSequence}`}</span>
        </span>
      ),
    },
    { key: "deliveries", header: "Deliveries", numeric: true, cell: (dead) => String(dead.deliveries) },
    {
      key: "dead",
      header: "Dead since",
      cell: (dead) => (dead.deadTime ? timestampDate(dead.deadTime).toLocaleString() : ""),
    },
  ];
  return (
    <Table caption="Dead letters" columns={columns} rows={deadLetters} rowKey={(dead) => String(dead.dlqSequence)} />
  );
}
