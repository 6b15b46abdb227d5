import { createConnectQueryKey, useMutation } from "@connectrpc/connect-query";
import { useQueryClient } from "@tanstack/react-query";
import {
  OperationsService,
  RedriveDeadLettersRequestSchema,
} from "@waybill/contracts/waybill/operations/v1/operations_pb.js";
import { useEffect, useRef, useState } from "react";
import { useAttemptKey } from "../../forms/attempt-key.js";
import { describeError, type ShownError } from "../../forms/describe-error.js";
import { checkRequest } from "../../forms/validate-request.js";
import { useSignedIn } from "../../session/session-context.js";
import { Button, ErrorBanner } from "../../ui/index.js";
import { deadLetters, redriveSummary } from "./operations-view.js";

/** What a redrive is asked to do: the chosen dead letters, or every one of a consumer. */
export type RedriveChoice =
  | { readonly kind: "chosen"; readonly dlqSequences: readonly bigint[] }
  | { readonly kind: "consumer"; readonly consumer: string; readonly count: bigint };

/**
 * A redrive button, then a confirmation saying what it does, then the result (RedriveDeadLetters).
 * Every OperationsService query is refreshed after it, so the list and the backlog show the change.
 */
export function RedriveControl({
  choice,
  label,
  onDone,
}: {
  readonly choice: RedriveChoice;
  readonly label: string;
  readonly onDone: () => void;
}) {
  const session = useSignedIn();
  const queryClient = useQueryClient();
  const redrive = useMutation(OperationsService.method.redriveDeadLetters);
  const attempt = useAttemptKey();
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<ShownError>();
  const [report, setReport] = useState<readonly string[]>();
  const dialog = useRef<HTMLDivElement>(null);
  // The question takes the focus, so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (confirming) dialog.current?.focus();
  }, [confirming]);
  const count = choice.kind === "chosen" ? choice.dlqSequences.length : choice.count;
  const target = choice.kind === "chosen" ? { dlqSequences: [...choice.dlqSequences] } : { consumer: choice.consumer };

  async function confirm() {
    setFailure(undefined);
    const checked = checkRequest(RedriveDeadLettersRequestSchema, {
      ...target,
      idempotencyKey: attempt.keyFor(target),
    });
    if (!checked.valid) {
      setFailure({ title: "This redrive cannot be sent", violations: checked.violations });
      return;
    }
    try {
      const answer = await redrive.mutateAsync(checked.message);
      attempt.settled();
      setReport(redriveSummary(answer));
      setConfirming(false);
      onDone();
      await queryClient.invalidateQueries({
        queryKey: createConnectQueryKey({ schema: OperationsService, cardinality: undefined }),
      });
    } catch (thrown) {
      setFailure(describeError(thrown, { role: session.role, action: "redrive dead letters" }));
    }
  }

  return (
    <div className="redrive">
      {!confirming && (
        <Button
          variant="primary"
          disabled={count === 0 || count === 0n}
          onClick={() => {
            setReport(undefined);
            setConfirming(true);
          }}
        >
          {label}
        </Button>
      )}
      {confirming && (
        <div className="confirm" role="alertdialog" aria-label="Redrive dead letters" tabIndex={-1} ref={dialog}>
          <p>
            Redrive {deadLetters(count)}
            {choice.kind === "consumer" ? (
              <>
                {" "}
                of <strong>{choice.consumer}</strong>
              </>
            ) : null}
            ? Each event is published again to its stream: consumers that handled it skip it, the one that gave up tries
            it again (and dead-letters it again if the cause is not fixed).
          </p>
          <ErrorBanner error={failure} />
          <div className="row">
            <Button variant="primary" onClick={confirm} busy={redrive.isPending}>
              Redrive
            </Button>
            <Button variant="ghost" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </div>
        </div>
      )}
      {report && (
        <output className="redrive-report" aria-label="Redrive result">
          {report.map((line) => (
            <span key={line}>{line}</span>
          ))}
        </output>
      )}
    </div>
  );
}
