import { useMutation } from "@connectrpc/connect-query";
import {
  type Courier,
  CourierAvailability,
  CourierKind,
  CourierState,
  FleetService,
  SetCourierAvailabilityRequestSchema,
} from "@waybill/sdk/fleet";
import { useState } from "react";
import { useAttemptKey } from "../../forms/attempt-key.js";
import { describeError, type ShownError } from "../../forms/describe-error.js";
import { checkRequest } from "../../forms/validate-request.js";
import { useSignedIn } from "../../session/session-context.js";
import { Badge, type BadgeTone, Button, ErrorBanner } from "../../ui/index.js";
import { nextAvailability } from "./assignment-actions.js";
import { useRefreshFleet } from "./use-refresh-fleet.js";

const stateWords: Readonly<Partial<Record<CourierState, readonly [string, BadgeTone]>>> = {
  [CourierState.OFFLINE]: ["Offline", "neutral"],
  [CourierState.READY]: ["Ready for orders", "good"],
  [CourierState.BUSY]: ["Full", "warning"],
  [CourierState.MAINTENANCE]: ["In maintenance", "danger"],
  [CourierState.RESERVED]: ["Reserved", "info"],
  [CourierState.LOADED]: ["Loaded", "info"],
  [CourierState.EN_ROUTE]: ["Flying", "info"],
  [CourierState.RETURNING]: ["Returning", "info"],
};

/**
 * The signed-in courier (GetCourier): name, kind, zone, state and load, and the switch between
 * online and offline (SetCourierAvailability; a courier may set only those two).
 */
export function CourierSummary({ courier }: { readonly courier: Courier }) {
  const session = useSignedIn();
  const refresh = useRefreshFleet();
  const attempt = useAttemptKey();
  const [failure, setFailure] = useState<ShownError>();
  const setAvailability = useMutation(FleetService.method.setCourierAvailability);
  const next = nextAvailability(courier.availability);
  const [state, tone] = stateWords[courier.state] ?? ["—", "neutral"];

  async function toggle(availability: CourierAvailability) {
    setFailure(undefined);
    const change = { courierId: courier.courierId, availability, reason: "set by the courier" };
    const checked = checkRequest(SetCourierAvailabilityRequestSchema, {
      ...change,
      idempotencyKey: attempt.keyFor({ ...change, version: courier.version }),
    });
    if (!checked.valid) {
      setFailure({ title: "This change cannot be sent", violations: checked.violations });
      return;
    }
    try {
      await setAvailability.mutateAsync(checked.message);
      attempt.settled();
    } catch (thrown) {
      setFailure(describeError(thrown, { role: session.role, action: "change this availability" }));
    }
    await refresh();
  }

  return (
    <section className="courier-summary" aria-label="Courier">
      <div className="courier-facts">
        <strong>{courier.name}</strong>
        <span className="muted">
          {courier.kind === CourierKind.DRONE ? "Drone" : "Rider"} · zone {courier.zone} · {courier.activeAssignments}/
          {courier.capacity} orders
        </span>
        <span data-testid="courier-state">
          <Badge tone={tone}>{state}</Badge>
        </span>
      </div>
      <ErrorBanner error={failure} onDismiss={() => setFailure(undefined)} />
      {next !== undefined && (
        <Button
          variant={next === CourierAvailability.ONLINE ? "primary" : "secondary"}
          className="touch-button"
          busy={setAvailability.isPending}
          onClick={() => void toggle(next)}
        >
          {next === CourierAvailability.ONLINE ? "Go online" : "Go offline"}
        </Button>
      )}
    </section>
  );
}
