import { Code, ConnectError } from "@connectrpc/connect";
import { useMutation } from "@connectrpc/connect-query";
import { DevSignInService, SignInRequestSchema } from "@waybill/contracts/waybill/access/v1/dev_sign_in_pb.js";
import { Role } from "@waybill/sdk/access";
import { type FormEvent, useState } from "react";
import { describeError, type ShownError } from "../../forms/describe-error.js";
import { type FieldErrors, fieldErrorsOf, noFieldErrors } from "../../forms/field-errors.js";
import { checkRequest } from "../../forms/validate-request.js";
import { sessionFromJwt } from "../../session/jwt-session.js";
import type { Session } from "../../session/session.js";
import { Button, Card, ErrorBanner, Field, SelectField } from "../../ui/index.js";

const roles = [
  { role: Role.BRAND, label: "Brand" },
  { role: Role.PARTNER, label: "Partner (integration)" },
  { role: Role.ADMIN, label: "Operator (admin)" },
  { role: Role.CUSTOMER, label: "Customer" },
  { role: Role.COURIER, label: "Courier" },
] as const;

const fields = { brand_id: "brand", customer_id: "customer", courier_id: "courier", role: "role" };

/**
 * Development sign-in: mints a token for a chosen role through DevSignInService, which only
 * development servers serve (elsewhere it answers UNIMPLEMENTED and this form says so).
 */
export function DevSignInForm({ onSignedIn }: { readonly onSignedIn: (session: Session) => void }) {
  const [role, setRole] = useState<Role>(Role.BRAND);
  const [brandId, setBrandId] = useState("sim-bistro");
  const [customerId, setCustomerId] = useState("");
  const [courierId, setCourierId] = useState("");
  const [errors, setErrors] = useState<FieldErrors>(noFieldErrors);
  const [failure, setFailure] = useState<ShownError>();
  const signIn = useMutation(DevSignInService.method.signIn);
  const needsBrand = role === Role.BRAND || role === Role.PARTNER;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    const checked = checkRequest(SignInRequestSchema, {
      role,
      brandId: needsBrand ? brandId.trim() : "",
      customerId: role === Role.CUSTOMER ? customerId.trim() : "",
      courierId: role === Role.COURIER ? courierId.trim() : "",
    });
    // The contract leaves "required for this role" to the server; say it here before sending.
    const missing = [
      ...(needsBrand && !brandId.trim() ? [{ field: "brand_id", message: "a brand is required for this role" }] : []),
      ...(role === Role.CUSTOMER && !customerId.trim()
        ? [{ field: "customer_id", message: "a customer id is required" }]
        : []),
      ...(role === Role.COURIER && !courierId.trim()
        ? [{ field: "courier_id", message: "a courier id is required" }]
        : []),
    ];
    const violations = [...missing, ...(checked.valid ? [] : checked.violations)];
    setErrors(fieldErrorsOf(violations, fields));
    if (violations.length > 0 || !checked.valid) return;
    try {
      const { token } = await signIn.mutateAsync(checked.message);
      onSignedIn(sessionFromJwt(token));
    } catch (thrown) {
      if (thrown instanceof ConnectError && thrown.code === Code.Unimplemented) {
        setFailure({
          title: "Development sign-in is off on this server",
          detail: "Paste a token instead.",
          violations: [],
        });
        return;
      }
      const shown = describeError(thrown, { action: "sign in this way" });
      setErrors(fieldErrorsOf(shown.violations, fields));
      setFailure(shown);
    }
  }

  return (
    <Card title="Development sign-in">
      <form className="stack" onSubmit={submit} aria-label="Development sign-in" noValidate>
        <p className="muted">Look around at once: a token for any role, minted by this development server.</p>
        <ErrorBanner error={failure} extra={errors.unplaced} />
        <SelectField
          label="Role"
          name="role"
          value={role}
          error={errors.byField.role}
          onChange={(event) => setRole(Number(event.target.value) as Role)}
        >
          {roles.map(({ role: value, label }) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        {needsBrand && (
          <Field
            label="Brand"
            name="brand"
            value={brandId}
            error={errors.byField.brand}
            onChange={(e) => setBrandId(e.target.value)}
          />
        )}
        {role === Role.CUSTOMER && (
          <Field
            label="Customer id"
            name="customer"
            value={customerId}
            error={errors.byField.customer}
            placeholder="UUID"
            onChange={(e) => setCustomerId(e.target.value)}
          />
        )}
        {role === Role.COURIER && (
          <Field
            label="Courier id"
            name="courier"
            value={courierId}
            error={errors.byField.courier}
            placeholder="UUID"
            onChange={(e) => setCourierId(e.target.value)}
          />
        )}
        <div>
          <Button type="submit" variant="primary" busy={signIn.isPending}>
            Sign in
          </Button>
        </div>
      </form>
    </Card>
  );
}
