import { useMutation } from "@connectrpc/connect-query";
import {
  type Courier,
  CourierAvailability,
  FleetService,
  SetCourierAvailabilityRequestSchema,
} from "@waybill/sdk/fleet";
import { useState } from "react";
import { useAttemptKey } from "../../forms/attempt-key.js";
import { describeError, type ShownError } from "../../forms/describe-error.js";
import { checkRequest } from "../../forms/validate-request.js";
import { useSignedIn } from "../../session/session-context.js";
import { ErrorBanner } from "../../ui/index.js";
import { availabilityLabels } from "./fleet-labels.js";

const choices = [CourierAvailability.ONLINE, CourierAvailability.OFFLINE, CourierAvailability.MAINTENANCE] as const;

/**
 * A courier's availability, changed on the spot (SetCourierAvailability). The select shows what
 * the stream last said; the new state arrives through WatchFleet like any other change.
 */
export function AvailabilityControl({ courier }: { readonly courier: Courier }) {
  const session = useSignedIn();
  const change = useMutation(FleetService.method.setCourierAvailability);
  const attempt = useAttemptKey();
  const [failure, setFailure] = useState<ShownError>();

  async function choose(availability: CourierAvailability) {
    setFailure(undefined);
    const wanted = { courierId: courier.courierId, availability, reason: "set in the console" };
    const checked = checkRequest(SetCourierAvailabilityRequestSchema, {
      ...wanted,
      idempotencyKey: attempt.keyFor(wanted),
    });
    if (!checked.valid) {
      setFailure({ title: "This change cannot be sent", violations: checked.violations });
      return;
    }
    try {
      await change.mutateAsync(checked.message);
      attempt.settled();
    } catch (thrown) {
      setFailure(describeError(thrown, { role: session.role, action: "change a courier's availability" }));
    }
  }

  return (
    <div className="availability">
      <select
        aria-label={`Availability of ${courier.name}`}
        value={courier.availability}
        disabled={change.isPending}
        aria-busy={change.isPending || undefined}
        onChange={(event) => void choose(Number(event.target.value) as CourierAvailability)}
      >
        {choices.map((availability) => (
          <option key={availability} value={availability}>
            {availabilityLabels[availability]}
          </option>
        ))}
      </select>
      <ErrorBanner
        error={failure}
        extra={failure?.violations.map((v) => `${v.field}: ${v.message}`)}
        onDismiss={() => setFailure(undefined)}
      />
    </div>
  );
}
