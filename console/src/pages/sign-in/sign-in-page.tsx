import { useState } from "react";
import { useNavigate } from "react-router";
import type { ShownError } from "../../forms/describe-error.js";
import { consoleRefusal, homeOf } from "../../session/navigation.js";
import type { Session } from "../../session/session.js";
import { useSession } from "../../session/session-context.js";
import { ErrorBanner } from "../../ui/index.js";
import { DevSignInForm } from "./dev-sign-in-form.js";
import { PasteCredentialForm } from "./paste-credential-form.js";

/**
 * `/sign-in`: a pasted credential, or (on development servers) a token minted for a chosen role.
 * A role with no console pages is refused here.
 */
export function SignInPage() {
  const { signIn } = useSession();
  const navigate = useNavigate();
  const [refused, setRefused] = useState<ShownError>();
  const done = (session: Session) => {
    // A role without pages (another service's credential) would land nowhere: say so instead.
    const refusal = consoleRefusal(session.role);
    setRefused(refusal ? { title: "Cannot sign in here", detail: refusal, violations: [] } : undefined);
    if (refusal) return;
    signIn(session);
    navigate(homeOf(session.role), { replace: true });
  };
  return (
    <div className="sign-in">
      <h1>Waybill console</h1>
      <ErrorBanner error={refused} onDismiss={() => setRefused(undefined)} />
      <div className="grid-2">
        <DevSignInForm onSignedIn={done} />
        <PasteCredentialForm onSignedIn={done} />
      </div>
    </div>
  );
}
