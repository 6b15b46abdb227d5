import { createClient } from "@connectrpc/connect";
import { InventoryService } from "@waybill/sdk/inventory";
import { type FormEvent, useState } from "react";
import { describeError, type ShownError } from "../../forms/describe-error.js";
import { createConsoleTransport } from "../../rpc/transport.js";
import { CredentialError, sessionFromJwt } from "../../session/jwt-session.js";
import { isApiKey, type Session } from "../../session/session.js";
import { Button, Card, ErrorBanner, Field } from "../../ui/index.js";

const brandPattern = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/**
 * Sign-in with a pasted JWT or API key. A JWT's claims give the role and brand (the server checks
 * the signature on every call); an API key acts as a partner of the brand typed here. Either is
 * checked with one cheap call (ListItems, one row) where the role may make it.
 */
export function PasteCredentialForm({ onSignedIn }: { readonly onSignedIn: (session: Session) => void }) {
  const [credential, setCredential] = useState("");
  const [brandId, setBrandId] = useState("");
  const [errors, setErrors] = useState<{ credential?: string; brand?: string }>({});
  const [failure, setFailure] = useState<ShownError>();
  const [busy, setBusy] = useState(false);
  const apiKey = isApiKey(credential.trim());

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    let session: Session;
    try {
      if (apiKey) {
        if (!brandPattern.test(brandId.trim())) {
          setErrors({ brand: "the brand this key belongs to, e.g. acme" });
          return;
        }
        session = { token: credential.trim(), role: "partner", brandId: brandId.trim(), subject: "" };
      } else {
        session = sessionFromJwt(credential);
      }
    } catch (thrown) {
      setErrors({ credential: thrown instanceof CredentialError ? thrown.message : String(thrown) });
      return;
    }
    setErrors({});
    if (session.role === "brand" || session.role === "partner" || session.role === "admin") {
      setBusy(true);
      try {
        const inventory = createClient(
          InventoryService,
          createConsoleTransport(() => session.token),
        );
        await inventory.listItems({ brandId: session.brandId, page: { pageSize: 1 } });
      } catch (thrown) {
        setFailure(
          describeError(thrown, {
            role: session.role,
            action: `read the items of ${session.brandId || "every brand"}`,
          }),
        );
        return;
      } finally {
        setBusy(false);
      }
    }
    onSignedIn(session);
  }

  return (
    <Card title="Sign in with a token or API key">
      <form className="stack" onSubmit={submit} aria-label="Sign in with a credential" noValidate>
        <ErrorBanner error={failure} />
        <Field
          label="Token or API key"
          name="credential"
          autoComplete="off"
          spellCheck={false}
          value={credential}
          error={errors.credential}
          hint={
            <>
              A JWT from <code>npm run token</code>, or an API key (<code>wbk_…</code>)
            </>
          }
          onChange={(e) => setCredential(e.target.value)}
        />
        {apiKey && (
          <Field
            label="Brand of the key"
            name="key-brand"
            value={brandId}
            error={errors.brand}
            onChange={(e) => setBrandId(e.target.value)}
          />
        )}
        <div>
          <Button type="submit" variant="primary" busy={busy}>
            Sign in
          </Button>
        </div>
      </form>
    </Card>
  );
}
