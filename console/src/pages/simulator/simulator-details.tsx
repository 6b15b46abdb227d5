import type { Simulation } from "@waybill/contracts/waybill/dev/v1/simulator_pb.js";

/**
 * What the simulation did, kind by kind, with its webhooks, notes and last error: a disclosure
 * under the switch, for whoever wants more than the one line.
 */
export function SimulatorDetails({ simulation }: { readonly simulation: Simulation }) {
  if (simulation.startTime === undefined) return null;
  const webhooks = simulation.webhooks;
  return (
    <details className="simulator-details">
      <summary>Details</summary>
      <div className="simulator-panel">
        <p className="muted">
          Brands {simulation.brandIds.join(", ")} · {simulation.ratePerSecond} actions a second
        </p>
        <table className="table">
          <thead>
            <tr>
              <th>action</th>
              <th className="numeric">ok</th>
              <th className="numeric">skipped</th>
              <th className="numeric">refused</th>
              <th className="numeric">errors</th>
            </tr>
          </thead>
          <tbody>
            {simulation.actions.map((action) => (
              <tr key={action.kind}>
                <td className="mono">{action.kind}</td>
                <td className="numeric">{String(action.succeeded)}</td>
                <td className="numeric">{String(action.skipped)}</td>
                <td className="numeric">{String(action.expectedRefusals)}</td>
                <td className="numeric">{String(action.errors)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          Webhooks:{" "}
          {webhooks && webhooks.registered > 0
            ? `${webhooks.verified} of ${webhooks.received} deliveries verified (${webhooks.registered} registered)`
            : "none"}
        </p>
        {simulation.notes.map((note) => (
          <p key={note} className="muted">
            {note}
          </p>
        ))}
        {simulation.lastError && <p className="simulator-danger">Last error: {simulation.lastError}</p>}
      </div>
    </details>
  );
}
