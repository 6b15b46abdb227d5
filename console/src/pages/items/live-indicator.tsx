import type { StreamState } from "../../rpc/use-server-stream.js";

/** Whether the numbers on screen are live: the state of their stream. */
export function LiveIndicator({ state }: { readonly state: StreamState | undefined }) {
  if (!state) return null;
  const text = state.status === "open" ? "Live" : state.status === "connecting" ? "Connecting…" : "Reconnecting…";
  return (
    <span className="muted" data-live={state.status}>
      <span className={state.status === "open" ? "live-dot" : "live-dot off"} aria-hidden="true" />
      {text}
    </span>
  );
}
