import { type ReactNode, useEffect, useRef, useState } from "react";
import type { ShownError } from "../forms/describe-error.js";
import { Button } from "./button.js";
import { ErrorBanner } from "./error-banner.js";

/** A destructive action behind a question: what the button, the question and its answers say. */
export interface ConfirmControlProps {
  /** The button that asks the question (`Delete`, `Archive`). */
  readonly label: string;
  readonly labelVariant?: "ghost" | "danger";
  /** The dialog's accessible name (`Delete webhook`). */
  readonly title: string;
  /** What the action does, in words. */
  readonly question: ReactNode;
  /** The button that does it (`Delete webhook`). */
  readonly confirmLabel: string;
  /** The button that keeps things as they are. */
  readonly keepLabel?: string;
  readonly busy: boolean;
  readonly failure: ShownError | undefined;
  /** Does it; true closes the question (done), false keeps it open with `failure` shown. */
  readonly onConfirm: () => Promise<boolean>;
}

/**
 * A button that opens a question before a destructive action, answered in place: the question
 * takes the focus (keyboard and screen-reader users land on it), a failure shows under it, and
 * it closes once the action is done or kept.
 */
export function ConfirmControl({
  label,
  labelVariant = "danger",
  title,
  question,
  confirmLabel,
  keepLabel = "Keep it",
  busy,
  failure,
  onConfirm,
}: ConfirmControlProps) {
  const [confirming, setConfirming] = useState(false);
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (confirming) dialog.current?.focus();
  }, [confirming]);

  if (!confirming) {
    return (
      <Button variant={labelVariant} onClick={() => setConfirming(true)}>
        {label}
      </Button>
    );
  }
  return (
    <div className="confirm" role="alertdialog" aria-label={title} tabIndex={-1} ref={dialog}>
      <p>{question}</p>
      <ErrorBanner error={failure} />
      <div className="row">
        <Button
          variant="danger"
          busy={busy}
          onClick={async () => {
            if (await onConfirm()) setConfirming(false);
          }}
        >
          {confirmLabel}
        </Button>
        <Button variant="ghost" onClick={() => setConfirming(false)}>
          {keepLabel}
        </Button>
      </div>
    </div>
  );
}
