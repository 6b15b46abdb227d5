import { createConnectQueryKey, useMutation } from "@connectrpc/connect-query";
import { useQueryClient } from "@tanstack/react-query";
import { type BrandContact, NotificationService, SetBrandContactRequestSchema } from "@waybill/sdk/notifications";
import { type FormEvent, useState } from "react";
import { useAttemptKey } from "../../forms/attempt-key.js";
import { describeError, type ShownError } from "../../forms/describe-error.js";
import { type FieldErrors, fieldErrorsOf, noFieldErrors } from "../../forms/field-errors.js";
import { checkRequest } from "../../forms/validate-request.js";
import { useSignedIn } from "../../session/session-context.js";
import { Button, ErrorBanner, Field } from "../../ui/index.js";
import { contactFields } from "./contact-fields.js";

/**
 * Sets where a brand's emails go (SetBrandContact): low-stock and out-of-stock mail. Checked with
 * the contract's rules (a well-formed address) before sending; the server's violations mark the
 * same fields (a brand violation, the page's picker choosing the brand, a banner of its own);
 * `onSaved` gets the contact as stored.
 */
export function ContactForm({
  brandId,
  contact,
  onSaved,
}: {
  readonly brandId: string;
  readonly contact: BrandContact | undefined;
  readonly onSaved: (contact: BrandContact) => void;
}) {
  const session = useSignedIn();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState(contact?.email ?? "");
  const [name, setName] = useState(contact?.name ?? "");
  const [errors, setErrors] = useState<FieldErrors>(noFieldErrors);
  const [failure, setFailure] = useState<ShownError>();
  const save = useMutation(NotificationService.method.setBrandContact);
  const attempt = useAttemptKey();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    const change = { brandId, email: email.trim(), name: name.trim() };
    const checked = checkRequest(SetBrandContactRequestSchema, { ...change, idempotencyKey: attempt.keyFor(change) });
    setErrors(fieldErrorsOf(checked.valid ? [] : checked.violations, contactFields));
    if (!checked.valid) return;
    try {
      const saved = (await save.mutateAsync(checked.message)).contact;
      attempt.settled();
      await queryClient.invalidateQueries({
        queryKey: createConnectQueryKey({ schema: NotificationService.method.getBrandContact, cardinality: undefined }),
      });
      if (saved) onSaved(saved);
    } catch (thrown) {
      const shown = describeError(thrown, { role: session.role, action: "set the brand's contact" });
      setErrors(fieldErrorsOf(shown.violations, contactFields));
      setFailure(shown);
    }
  }

  return (
    <form className="stack" onSubmit={submit} aria-label="Brand contact" noValidate>
      <ErrorBanner error={failure} extra={errors.unplaced} />
      {errors.byField.brand && <ErrorBanner error={{ title: "Brand", detail: errors.byField.brand, violations: [] }} />}
      <Field
        label="Email"
        name="email"
        type="email"
        placeholder="stock@example.com"
        value={email}
        error={errors.byField.email}
        hint="Receives the low-stock and out-of-stock emails"
        onChange={(e) => setEmail(e.target.value)}
      />
      <Field
        label="Name"
        name="name"
        value={name}
        error={errors.byField.name}
        onChange={(e) => setName(e.target.value)}
      />
      <div className="row">
        <Button type="submit" variant="primary" busy={save.isPending}>
          Save contact
        </Button>
      </div>
    </form>
  );
}
