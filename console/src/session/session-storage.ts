import { isRoleName, type Session } from "./session.js";

const key = "waybill.console.session";

/** The session kept for this tab (sessionStorage: gone when the tab closes), if any is still valid. */
export function loadSession(storage: Storage = sessionStorage, now: number = Date.now()): Session | undefined {
  const text = storage.getItem(key);
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as Partial<Session>;
    if (typeof value.token !== "string" || !isRoleName(value.role)) return undefined;
    if (typeof value.expiresAt === "number" && value.expiresAt <= now) return undefined;
    return {
      token: value.token,
      role: value.role,
      brandId: value.brandId ?? "",
      subject: value.subject ?? "",
      expiresAt: value.expiresAt,
    };
  } catch {
    return undefined;
  }
}

/** Keeps the session for this tab, or forgets it (`undefined`). */
export function saveSession(session: Session | undefined, storage: Storage = sessionStorage): void {
  if (session) storage.setItem(key, JSON.stringify(session));
  else storage.removeItem(key);
}
