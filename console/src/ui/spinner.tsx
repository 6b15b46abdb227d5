/** A loading indicator with text for screen readers and tests. */
export function Spinner({ label = "Loading…" }: { readonly label?: string }) {
  return (
    <span className="spinner" role="status">
      <span className="spinner-ring" aria-hidden="true" />
      <span className="spinner-label">{label}</span>
    </span>
  );
}
