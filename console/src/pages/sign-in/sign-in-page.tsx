import { useNavigate } from "react-router";
import { homeOf } from "../../session/navigation.js";
import type { Session } from "../../session/session.js";
import { useSession } from "../../session/session-context.js";
import { DevSignInForm } from "./dev-sign-in-form.js";
import { PasteCredentialForm } from "./paste-credential-form.js";

/** `/sign-in`: a pasted credential, or (on development servers) a token minted for a chosen role. */
export function SignInPage() {
  const { signIn } = useSession();
  const navigate = useNavigate();
  const done = (session: Session) => {
    signIn(session);
    navigate(homeOf(session.role), { replace: true });
  };
  return (
    <div className="sign-in">
      <h1>Waybill console</h1>
      <div className="grid-2">
        <DevSignInForm onSignedIn={done} />
        <PasteCredentialForm onSignedIn={done} />
      </div>
    </div>
  );
}
