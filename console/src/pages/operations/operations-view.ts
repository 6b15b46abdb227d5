import type { Duration } from "@bufbuild/protobuf/wkt";
import {
  DeadLetterReason,
  type GetEventBacklogResponse,
  type RedriveDeadLettersResponse,
} from "@waybill/contracts/waybill/operations/v1/operations_pb.js";
import type { BadgeTone } from "../../ui/index.js";

/** How a dead letter's reason is shown: a badge and a sentence saying what happened. */
export interface ReasonView {
  readonly label: string;
  readonly tone: BadgeTone;
  readonly explanation: string;
}

/** The badge and words of a reason. */
export function reasonView(reason: DeadLetterReason): ReasonView {
  switch (reason) {
    case DeadLetterReason.MAX_DELIVERIES:
      return {
        label: "Handler kept failing",
        tone: "danger",
        explanation: "the consumer's handler failed on every delivery",
      };
    case DeadLetterReason.TERMINATED:
      return {
        label: "Undecodable",
        tone: "warning",
        explanation: "the consumer could not decode the message and terminated it",
      };
    default:
      return { label: "Unknown", tone: "neutral", explanation: "no reason was recorded" };
  }
}

/** A duration in words a person reads at a glance: "0 s", "4.2 s", "3 min 5 s", "2 h 10 min". */
export function formatAge(duration: Duration | undefined): string {
  const ms = Number(duration?.seconds ?? 0n) * 1000 + Math.round((duration?.nanos ?? 0) / 1e6);
  if (ms < 60_000) {
    const seconds = ms / 1000;
    return `${seconds < 10 && seconds !== Math.floor(seconds) ? seconds.toFixed(1) : Math.floor(seconds)} s`;
  }
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes} min ${Math.floor((ms % 60_000) / 1000)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** `selected` with `key` added, or removed when it was there. */
export function toggled(selected: ReadonlySet<string>, key: string): ReadonlySet<string> {
  const next = new Set(selected);
  if (next.has(key)) next.delete(key);
  else next.add(key);
  return next;
}

/** The selected sequences that are still listed (a redrive or a new page may have removed some). */
export function stillListed(selected: ReadonlySet<string>, listed: readonly bigint[]): bigint[] {
  return listed.filter((sequence) => selected.has(String(sequence)));
}

/** "1 dead letter", "3 dead letters". */
export function deadLetters(count: number | bigint): string {
  return `${count} dead letter${count === 1 || count === 1n ? "" : "s"}`;
}

/** The result of a redrive in words, for the operator. */
export function redriveSummary(response: RedriveDeadLettersResponse): readonly string[] {
  const lines = [
    response.redrivenCount === 0n
      ? "Nothing was redriven: the chosen dead letters were no longer waiting."
      : `Redrove ${deadLetters(response.redrivenCount)} (${sequences(response.redrivenDlqSequences)}): their consumers try them again.`,
  ];
  if (response.leftDlqSequences.length > 0) {
    lines.push(
      `Left ${deadLetters(response.leftDlqSequences.length)} in place (${sequences(response.leftDlqSequences)}): the event is gone from its stream.`,
    );
  }
  return lines;
}

function sequences(list: readonly bigint[]): string {
  return list.map((sequence) => `#${sequence}`).join(", ");
}

/** The streams and consumers an operator can filter by: every durable consumer and every dead letter's. */
export function filterChoices(backlog: GetEventBacklogResponse | undefined): {
  readonly streams: readonly string[];
  readonly consumers: readonly string[];
} {
  const pairs = [...(backlog?.consumers ?? []), ...(backlog?.deadLetterCounts ?? [])];
  const sorted = (values: Iterable<string>) => [...new Set(values)].sort();
  return { streams: sorted(pairs.map((p) => p.stream)), consumers: sorted(pairs.map((p) => p.consumer)) };
}
