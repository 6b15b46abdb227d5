import type { ReactNode } from "react";

/** The tones a badge takes: its meaning, not its colour. */
export type BadgeTone = "neutral" | "good" | "warning" | "danger" | "info";

/** A short status label. */
export function Badge({ tone = "neutral", children }: { readonly tone?: BadgeTone; readonly children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}
