import type { ReactNode } from "react";
import type { ShownError } from "../forms/describe-error.js";

/** An error above a form or a table: what happened, and its details. */
export function ErrorBanner({
  error,
  extra,
  onDismiss,
}: {
  readonly error: ShownError | undefined;
  readonly extra?: readonly string[];
  readonly onDismiss?: () => void;
}) {
  if (!error) return null;
  const lines: ReactNode[] = [...(error.detail ? [error.detail] : []), ...(extra ?? [])];
  return (
    <div className="error-banner" role="alert">
      <strong>{error.title}</strong>
      {lines.map((line, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: fixed lines of one message
        <p key={index}>{line}</p>
      ))}
      {onDismiss && (
        <button type="button" className="error-banner-close" onClick={onDismiss} aria-label="Dismiss">
          ×
        </button>
      )}
    </div>
  );
}
