import { Code, ConnectError } from "@connectrpc/connect";
import { createConnectQueryKey, useMutation } from "@connectrpc/connect-query";
import { useQueryClient } from "@tanstack/react-query";
import {
  NotificationService,
  RegisterWebhookRequestSchema,
  type RegisterWebhookResponse,
} from "@waybill/sdk/notifications";
import { type FormEvent, useState } from "react";
import { useAttemptKey } from "../../forms/attempt-key.js";
import { describeError, type ShownError } from "../../forms/describe-error.js";
import { type FieldErrors, fieldErrorsOf, noFieldErrors } from "../../forms/field-errors.js";
import { checkRequest } from "../../forms/validate-request.js";
import { useSignedIn } from "../../session/session-context.js";
import { Button, Card, ErrorBanner, Field } from "../../ui/index.js";
import { EventTypePicker } from "./event-type-picker.js";

/** Form fields by the request paths they edit. */
const fields = { brand_id: "brand", url: "url", event_types: "eventTypes", description: "description" };

/**
 * Registers a webhook of the brand (RegisterWebhook): URL, description and the events it receives.
 * Validated with the contract's rules first; the server's refusals (a private address Waybill does
 * not post to, a URL already registered) mark the URL field with the server's words. The answer
 * (with the signing secret) goes to `onRegistered` and is kept nowhere else.
 */
export function WebhookForm({
  brandId,
  onRegistered,
  onCancel,
}: {
  readonly brandId: string;
  readonly onRegistered: (response: RegisterWebhookResponse) => void;
  readonly onCancel: () => void;
}) {
  const session = useSignedIn();
  const queryClient = useQueryClient();
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [eventTypes, setEventTypes] = useState<readonly string[]>([]);
  const [errors, setErrors] = useState<FieldErrors>(noFieldErrors);
  const [failure, setFailure] = useState<ShownError>();
  // The answer carries the signing secret: TanStack must not keep it in its MutationCache once
  // handed over (gcTime 0 drops the mutation as soon as nothing observes it; reset lets go of it).
  const register = useMutation(NotificationService.method.registerWebhook, { gcTime: 0 });
  const attempt = useAttemptKey();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    const change = { brandId, url: url.trim(), description: description.trim(), eventTypes: [...eventTypes] };
    const checked = checkRequest(RegisterWebhookRequestSchema, { ...change, idempotencyKey: attempt.keyFor(change) });
    setErrors(fieldErrorsOf(checked.valid ? [] : checked.violations, fields));
    if (!checked.valid) return;
    try {
      const response = await register.mutateAsync(checked.message);
      attempt.settled();
      await queryClient.invalidateQueries({
        queryKey: createConnectQueryKey({ schema: NotificationService, cardinality: undefined }),
      });
      register.reset();
      onRegistered(response);
    } catch (thrown) {
      const shown = describeError(thrown, { role: session.role, action: "register webhooks" });
      // ALREADY_EXISTS (a webhook at this URL) carries no violation: it is about the URL all the same.
      const alreadyThere = thrown instanceof ConnectError && thrown.code === Code.AlreadyExists;
      setErrors(
        alreadyThere
          ? fieldErrorsOf([{ field: "url", message: shown.detail ?? "" }], fields)
          : fieldErrorsOf(shown.violations, fields),
      );
      setFailure(shown);
    }
  }

  return (
    <Card title="New webhook">
      <form className="stack" onSubmit={submit} aria-label="New webhook" noValidate>
        <ErrorBanner error={failure} extra={errors.unplaced} />
        {errors.byField.brand && (
          <ErrorBanner error={{ title: "Brand", detail: errors.byField.brand, violations: [] }} />
        )}
        <Field
          label="URL"
          name="url"
          type="url"
          placeholder="https://example.com/waybill"
          value={url}
          error={errors.byField.url}
          hint="Deliveries are signed POSTs of each event as JSON"
          onChange={(e) => setUrl(e.target.value)}
        />
        <Field
          label="Description"
          name="description"
          value={description}
          error={errors.byField.description}
          onChange={(e) => setDescription(e.target.value)}
        />
        <EventTypePicker chosen={eventTypes} error={errors.byField.eventTypes} onChange={setEventTypes} />
        <div className="row">
          <Button type="submit" variant="primary" busy={register.isPending}>
            Register webhook
          </Button>
          <Button variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    </Card>
  );
}
