import { timestampDate } from "@bufbuild/protobuf/wkt";
import { skipToken, useQuery } from "@connectrpc/connect-query";
import { type BrandContact, NotificationService } from "@waybill/sdk/notifications";
import { useState } from "react";
import { describeError } from "../../forms/describe-error.js";
import { useSignedIn } from "../../session/session-context.js";
import { Card, EmptyState, ErrorBanner, PageHeader, Spinner } from "../../ui/index.js";
import { BrandPicker } from "../items/brand-picker.js";
import { useBrand } from "../items/use-brand.js";
import { ContactForm } from "./contact-form.js";
import { isNoContactYet } from "./contact-state.js";

/** What the contact card says is stored now. */
function SavedContact({ contact }: { readonly contact: BrandContact | undefined }) {
  if (!contact) return <p className="muted">No contact yet: low-stock emails go to the operator only.</p>;
  return (
    <p className="muted" data-testid="saved-contact">
      Saved: emails go to <strong>{contact.name ? `${contact.name} <${contact.email}>` : contact.email}</strong>
      {contact.updateTime && <> · set {timestampDate(contact.updateTime).toLocaleString()}</>}
    </p>
  );
}

/**
 * `/settings`: the brand's settings, for the brand itself and for an operator (who picks the
 * brand): the contact that receives its low-stock and out-of-stock emails (Get/SetBrandContact).
 */
export function SettingsPage() {
  const session = useSignedIn();
  const brand = useBrand();
  const contact = useQuery(
    NotificationService.method.getBrandContact,
    brand.brandId ? { brandId: brand.brandId } : skipToken,
  );
  // The contact as last saved from this page, shown at once (the query refreshes behind it).
  const [saved, setSaved] = useState<BrandContact>();
  const notSet = isNoContactYet(contact.error);
  const current = saved?.brandId === brand.brandId ? saved : contact.data?.contact;

  return (
    <>
      <PageHeader title="Brand settings" />
      {brand.canPick && (
        <Card>
          <div className="row">
            <BrandPicker brand={brand} hint="Pick the brand to set up" onPicked={() => setSaved(undefined)} />
          </div>
        </Card>
      )}
      <Card title="Contact for low-stock mail">
        {!brand.brandId ? (
          <EmptyState title="Pick a brand">Its contact is shown here.</EmptyState>
        ) : contact.isPending && !notSet ? (
          <Spinner label="Loading the contact…" />
        ) : contact.error && !notSet ? (
          <ErrorBanner
            error={describeError(contact.error, { role: session.role, action: "read the brand's contact" })}
          />
        ) : (
          <div className="stack">
            <SavedContact contact={notSet && !saved ? undefined : current} />
            <ContactForm
              key={`${brand.brandId}\n${current?.email ?? ""}`}
              brandId={brand.brandId}
              contact={current}
              onSaved={setSaved}
            />
          </div>
        )}
      </Card>
    </>
  );
}
