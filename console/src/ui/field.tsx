import { type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, useId } from "react";

interface FieldFrame {
  readonly label: string;
  /** The message of a broken rule; marks the input invalid. */
  readonly error?: string | undefined;
  readonly hint?: ReactNode;
}

/** A labelled input with its error text under it (`aria-invalid`, `aria-describedby`). */
export function Field({ label, error, hint, className, ...input }: FieldFrame & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div className={["field", error ? "field-invalid" : "", className].filter(Boolean).join(" ")}>
      <label htmlFor={id}>{label}</label>
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={`${id}-note`} {...input} />
      <FieldNote id={`${id}-note`} error={error} hint={hint} />
    </div>
  );
}

/** A labelled select, with the same error text as {@link Field}. */
export function SelectField({
  label,
  error,
  hint,
  children,
  ...select
}: FieldFrame & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  return (
    <div className={["field", error ? "field-invalid" : ""].filter(Boolean).join(" ")}>
      <label htmlFor={id}>{label}</label>
      <select id={id} aria-invalid={error ? true : undefined} aria-describedby={`${id}-note`} {...select}>
        {children}
      </select>
      <FieldNote id={`${id}-note`} error={error} hint={hint} />
    </div>
  );
}

function FieldNote({ id, error, hint }: { id: string; error?: string | undefined; hint?: ReactNode }) {
  if (error) {
    return (
      <p id={id} className="field-error" role="alert">
        {error}
      </p>
    );
  }
  return hint ? (
    <p id={id} className="field-hint">
      {hint}
    </p>
  ) : null;
}
