import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import type { Session } from "./session.js";
import { loadSession, saveSession } from "./session-storage.js";

/** The signed-in session and the means to change it. */
export interface SessionState {
  readonly session: Session | undefined;
  /** The current token, read at each call (the transport holds this, not a copy). */
  readonly currentToken: () => string | undefined;
  signIn(session: Session): void;
  signOut(): void;
}

const SessionContext = createContext<SessionState | undefined>(undefined);

/** Holds the session of this tab (kept in sessionStorage). */
export function SessionProvider({ children }: { readonly children: ReactNode }) {
  const [session, setSession] = useState<Session | undefined>(() => loadSession());
  const ref = useRef(session);
  ref.current = session;
  const signIn = useCallback((next: Session) => {
    saveSession(next);
    ref.current = next;
    setSession(next);
  }, []);
  const signOut = useCallback(() => {
    saveSession(undefined);
    ref.current = undefined;
    setSession(undefined);
  }, []);
  // A credential known to expire ends the session when it does (a call would be refused anyway).
  useEffect(() => {
    const expiresAt = session?.expiresAt;
    if (expiresAt === undefined) return;
    const timer = setTimeout(signOut, Math.max(0, Math.min(expiresAt - Date.now(), 2 ** 31 - 1)));
    return () => clearTimeout(timer);
  }, [session, signOut]);
  const value = useMemo<SessionState>(
    () => ({ session, currentToken: () => ref.current?.token, signIn, signOut }),
    [session, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The session state; only inside {@link SessionProvider}. */
export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error("useSession outside SessionProvider");
  return state;
}

/** The signed-in session; only on pages behind the sign-in guard. */
export function useSignedIn(): Session {
  const { session } = useSession();
  if (!session) throw new Error("useSignedIn without a session");
  return session;
}
