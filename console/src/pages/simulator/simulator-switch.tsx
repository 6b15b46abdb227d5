import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { useMutation, useTransport } from "@connectrpc/connect-query";
import { type Simulation, SimulatorService } from "@waybill/contracts/waybill/dev/v1/simulator_pb.js";
import { useCallback, useMemo, useState } from "react";
import { describeError, type ShownError } from "../../forms/describe-error.js";
import { useServerStream } from "../../rpc/use-server-stream.js";
import { SimulatorDetails } from "./simulator-details.js";
import { simulatorStatus } from "./simulator-status.js";
import "./simulator.css";

/** Whether the server does not serve the simulator at all (no development tools): nothing to show. */
function notServed(error: unknown): boolean {
  return error instanceof ConnectError && error.code === Code.Unimplemented;
}

/**
 * The traffic simulator's switch, for the header of every signed-in page: on starts the
 * simulation of `npm run simulate` inside Waybill (StartSimulation, the command line's defaults),
 * off stops it. Its state and counts follow WatchSimulation live. Development servers only: where
 * the simulator is not served (UNIMPLEMENTED) the switch is not shown.
 */
export function SimulatorSwitch() {
  const transport = useTransport();
  const client = useMemo(() => createClient(SimulatorService, transport), [transport]);
  const [simulation, setSimulation] = useState<Simulation>();
  const [failure, setFailure] = useState<ShownError>();
  const open = useCallback((signal: AbortSignal) => client.watchSimulation({}, { signal }), [client]);
  const stream = useServerStream("simulator", open, (message) => setSimulation(message.simulation));
  const start = useMutation(SimulatorService.method.startSimulation);
  const stop = useMutation(SimulatorService.method.stopSimulation);

  if (stream.status === "failed" && notServed(stream.error)) return null;
  // Nothing heard yet: say nothing rather than show a switch that may not exist.
  if (simulation === undefined) return null;
  const status = simulatorStatus(simulation);
  const busy = start.isPending || stop.isPending || status.settling;

  async function flip() {
    setFailure(undefined);
    try {
      const answer = status.on ? await stop.mutateAsync({}) : await start.mutateAsync({});
      if (answer.simulation) setSimulation(answer.simulation);
    } catch (thrown) {
      setFailure(describeError(thrown, { action: status.on ? "stop the simulator" : "start the simulator" }));
    }
  }

  return (
    <div className="simulator" data-testid="simulator" data-phase={simulation.phase}>
      <button
        type="button"
        role="switch"
        aria-checked={status.on}
        aria-busy={busy || undefined}
        disabled={busy}
        className="simulator-switch"
        onClick={() => void flip()}
      >
        <span className={status.on ? "simulator-track on" : "simulator-track"} aria-hidden="true">
          <span className="simulator-thumb" />
        </span>
        Simulator
      </button>
      <span className={`simulator-line simulator-${status.tone}`} data-testid="simulator-status" aria-live="polite">
        {status.line}
      </span>
      {failure && (
        <span className="simulator-line simulator-danger" role="alert">
          {failure.title}
          {failure.detail ? `: ${failure.detail}` : ""}
        </span>
      )}
      <SimulatorDetails simulation={simulation} />
    </div>
  );
}
