import type { ReactNode } from "react";
import { NavLink } from "react-router";
import type { NavEntry } from "../session/navigation.js";

/** The frame of every signed-in page: the brand bar, the role's navigation, and the page. */
export function PageLayout({
  nav,
  who,
  onSignOut,
  extras,
  children,
}: {
  readonly nav: readonly NavEntry[];
  readonly who: ReactNode;
  readonly onSignOut: () => void;
  /** More of the brand bar, after the logo (the development console's simulator switch). */
  readonly extras?: ReactNode;
  readonly children: ReactNode;
}) {
  return (
    <div className="layout">
      <header className="topbar">
        <span className="logo">Waybill</span>
        {extras}
        <span className="who">{who}</span>
        <button type="button" className="btn btn-ghost" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <nav className="sidenav" aria-label="Main">
        {nav.map((entry) => (
          <NavLink
            key={entry.path}
            to={entry.path}
            // An entry with a deeper one under it (My orders, Place an order) is active on its own path only.
            end={nav.some((other) => other.path.startsWith(`${entry.path}/`))}
            className={({ isActive }) => (isActive ? "active" : undefined)}
          >
            {entry.label}
          </NavLink>
        ))}
      </nav>
      <main className="content">{children}</main>
    </div>
  );
}

/** A page's title row, with its actions on the right. */
export function PageHeader({ title, actions }: { readonly title: ReactNode; readonly actions?: ReactNode }) {
  return (
    <div className="page-header">
      <h1>{title}</h1>
      {actions && <div className="page-actions">{actions}</div>}
    </div>
  );
}
