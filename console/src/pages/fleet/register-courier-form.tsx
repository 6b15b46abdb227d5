import { useMutation } from "@connectrpc/connect-query";
import { type Courier, FleetService, RegisterCourierRequestSchema } from "@waybill/sdk/fleet";
import { type FormEvent, useState } from "react";
import { useAttemptKey } from "../../forms/attempt-key.js";
import { describeError, type ShownError } from "../../forms/describe-error.js";
import { type FieldErrors, fieldErrorsOf, noFieldErrors } from "../../forms/field-errors.js";
import { checkRequest } from "../../forms/validate-request.js";
import { useSignedIn } from "../../session/session-context.js";
import { Button, Card, ErrorBanner } from "../../ui/index.js";
import {
  type CourierDraft,
  courierFieldMap,
  courierRequest,
  emptyCourierDraft,
  placeCourierViolations,
} from "./courier-draft.js";
import { CourierFields } from "./courier-fields.js";

/**
 * Registers a drone or a rider (RegisterCourier). The request is checked with the contract's rules
 * first (the id a UUID, the zone's pattern, a drone's capacity of one); the server's answers mark
 * the same fields, a taken id included. The new courier appears through WatchFleet.
 */
export function RegisterCourierForm({
  onDone,
  onCancel,
}: {
  readonly onDone: (courier: Courier) => void;
  readonly onCancel: () => void;
}) {
  const session = useSignedIn();
  const register = useMutation(FleetService.method.registerCourier);
  const attempt = useAttemptKey();
  const [draft, setDraft] = useState<CourierDraft>(emptyCourierDraft);
  const [errors, setErrors] = useState<FieldErrors>(noFieldErrors);
  const [failure, setFailure] = useState<ShownError>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    const { init, violations: local } = courierRequest(draft);
    const checked = checkRequest(RegisterCourierRequestSchema, { ...init, idempotencyKey: attempt.keyFor(init) });
    const violations = placeCourierViolations([...local, ...(checked.valid ? [] : checked.violations)], draft.kind);
    setErrors(fieldErrorsOf(violations, courierFieldMap));
    if (!checked.valid || violations.length > 0) return;
    try {
      const { courier } = await register.mutateAsync(checked.message);
      attempt.settled();
      if (courier) onDone(courier);
    } catch (thrown) {
      const shown = describeError(thrown, {
        role: session.role,
        action: "register couriers",
        conflictField: "courier_id",
      });
      setErrors(fieldErrorsOf(shown.violations, courierFieldMap));
      setFailure(shown);
    }
  }

  return (
    <Card title="Register a courier">
      <form className="stack" onSubmit={submit} aria-label="Register a courier" noValidate>
        <ErrorBanner error={failure} extra={errors.unplaced} />
        <CourierFields draft={draft} errors={errors} onChange={setDraft} />
        <div className="row">
          <Button type="submit" variant="primary" busy={register.isPending}>
            Register
          </Button>
          <Button variant="ghost" onClick={onCancel}>
            Close
          </Button>
        </div>
      </form>
    </Card>
  );
}
