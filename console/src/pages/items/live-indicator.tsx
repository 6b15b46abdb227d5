import type { StreamState } from "../../rpc/use-server-stream.js";

/** What the indicator says for a stream's state. */
function describeState(state: StreamState): string {
  switch (state.status) {
    case "open":
      return "Live";
    case "connecting":
      return "Connecting…";
    case "retrying":
      return "Reconnecting…";
    case "failed":
      return `Not live: ${state.error instanceof Error ? state.error.message : String(state.error)}`;
  }
}

/** Whether the numbers on screen are live: the state of their stream. */
export function LiveIndicator({ state }: { readonly state: StreamState | undefined }) {
  if (!state) return null;
  return (
    <span className="muted" data-live={state.status}>
      <span className={state.status === "open" ? "live-dot" : "live-dot off"} aria-hidden="true" />
      {describeState(state)}
    </span>
  );
}
