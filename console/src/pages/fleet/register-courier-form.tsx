import { useMutation } from "@connectrpc/connect-query";
import {
  type Courier,
  CourierAvailability,
  CourierKind,
  FleetService,
  RegisterCourierRequestSchema,
} from "@waybill/sdk/fleet";
import { type FormEvent, useState } from "react";
import { useAttemptKey } from "../../forms/attempt-key.js";
import { describeError, type ShownError } from "../../forms/describe-error.js";
import { type FieldErrors, fieldErrorsOf, noFieldErrors, type PathViolation } from "../../forms/field-errors.js";
import { checkRequest } from "../../forms/validate-request.js";
import { useSignedIn } from "../../session/session-context.js";
import { Button, Card, ErrorBanner, Field, SelectField } from "../../ui/index.js";
import { availabilityLabels, kindLabels } from "./fleet-labels.js";

/** Form fields by the request paths they edit. */
const fields = {
  courier_id: "courierId",
  kind: "kind",
  name: "name",
  zone: "zone",
  capacity: "capacity",
  availability: "availability",
};

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
  const [kind, setKind] = useState(CourierKind.DRONE);
  const [name, setName] = useState("");
  const [zone, setZone] = useState("");
  const [capacity, setCapacity] = useState("1");
  const [availability, setAvailability] = useState(CourierAvailability.ONLINE);
  const [courierId, setCourierId] = useState("");
  const [errors, setErrors] = useState<FieldErrors>(noFieldErrors);
  const [failure, setFailure] = useState<ShownError>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    const local: PathViolation[] = [];
    const carries = /^\d{1,3}$/.test(capacity.trim()) ? Number(capacity.trim()) : undefined;
    if (carries === undefined) local.push({ field: "capacity", message: "enter a whole number of orders" });
    const wanted = {
      courierId: courierId.trim(),
      kind,
      name: name.trim(),
      zone: zone.trim(),
      capacity: carries ?? 0,
      availability,
    };
    const checked = checkRequest(RegisterCourierRequestSchema, { ...wanted, idempotencyKey: attempt.keyFor(wanted) });
    // The rule "a drone carries exactly one order" is about the whole message: shown on capacity.
    const violations = [...local, ...(checked.valid ? [] : checked.violations)].map((v) =>
      v.field === "" && kind === CourierKind.DRONE ? { ...v, field: "capacity" } : v,
    );
    setErrors(fieldErrorsOf(violations, fields));
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
      setErrors(fieldErrorsOf(shown.violations, fields));
      setFailure(shown);
    }
  }

  return (
    <Card title="Register a courier">
      <form className="stack" onSubmit={submit} aria-label="Register a courier" noValidate>
        <ErrorBanner error={failure} extra={errors.unplaced} />
        <div className="row">
          <SelectField
            label="Kind"
            name="kind"
            value={kind}
            error={errors.byField.kind}
            onChange={(e) => {
              const chosen = Number(e.target.value) as CourierKind;
              setKind(chosen);
              if (chosen === CourierKind.DRONE) setCapacity("1");
            }}
          >
            {[CourierKind.DRONE, CourierKind.RIDER].map((k) => (
              <option key={k} value={k}>
                {kindLabels[k]}
              </option>
            ))}
          </SelectField>
          <Field
            label="Name"
            name="name"
            value={name}
            error={errors.byField.name}
            onChange={(e) => setName(e.target.value)}
          />
          <Field
            label="Zone"
            name="zone"
            value={zone}
            error={errors.byField.zone}
            hint="e.g. berlin-mitte"
            onChange={(e) => setZone(e.target.value)}
          />
          <Field
            label="Capacity"
            name="capacity"
            inputMode="numeric"
            value={capacity}
            error={errors.byField.capacity}
            hint={kind === CourierKind.DRONE ? "A drone carries one order" : "Orders carried at once, 1 to 20"}
            onChange={(e) => setCapacity(e.target.value)}
          />
          <SelectField
            label="Availability"
            name="availability"
            value={availability}
            error={errors.byField.availability}
            onChange={(e) => setAvailability(Number(e.target.value) as CourierAvailability)}
          >
            {[CourierAvailability.ONLINE, CourierAvailability.OFFLINE, CourierAvailability.MAINTENANCE].map((a) => (
              <option key={a} value={a}>
                {availabilityLabels[a]}
              </option>
            ))}
          </SelectField>
          <Field
            label="Courier id"
            name="courierId"
            value={courierId}
            error={errors.byField.courierId}
            hint="Optional UUID: a rider's token subject"
            onChange={(e) => setCourierId(e.target.value)}
          />
        </div>
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
