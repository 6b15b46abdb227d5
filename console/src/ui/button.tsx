import type { ButtonHTMLAttributes } from "react";

/** A button: `primary` for the one main action of a view, `ghost` for quiet ones, `danger` for destructive ones. */
export function Button({
  variant = "secondary",
  busy = false,
  className,
  disabled,
  children,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & {
  readonly variant?: "primary" | "secondary" | "ghost" | "danger";
  readonly busy?: boolean;
}) {
  return (
    <button
      type="button"
      className={["btn", `btn-${variant}`, className].filter(Boolean).join(" ")}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      {...rest}
    >
      {children}
    </button>
  );
}
