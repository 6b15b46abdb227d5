import type { RoleName } from "./session.js";

/** One entry of the side navigation. */
export interface NavEntry {
  readonly path: string;
  readonly label: string;
}

const operations: readonly NavEntry[] = [
  { path: "/items", label: "Items" },
  { path: "/orders", label: "Orders" },
  { path: "/campaigns", label: "Campaigns" },
  { path: "/webhooks", label: "Webhooks" },
  { path: "/activity", label: "Activity" },
];

// A brand's contact is set by the brand or an operator (SetBrandContact), not a partner's API key.
const brandSettings: NavEntry = { path: "/settings", label: "Brand settings" };

/** The pages a role may open, in navigation order (the first is its home). */
export function navigationFor(role: RoleName): readonly NavEntry[] {
  switch (role) {
    case "admin":
      return [
        ...operations,
        { path: "/fleet", label: "Fleet" },
        { path: "/operations", label: "Operations" },
        brandSettings,
      ];
    case "brand":
      return [...operations, brandSettings];
    case "partner":
      return operations;
    case "courier":
      return [{ path: "/assignments", label: "My assignments" }];
    case "customer":
      return [
        { path: "/my-orders", label: "My orders" },
        { path: "/my-orders/new", label: "Place an order" },
      ];
    case "service":
      // Another Waybill service calling internally: nobody signs in to the console as one.
      return [];
  }
}

/** The roles that open the brand's pages (items, orders, campaigns, webhooks, activity). */
export const itemRoles: readonly RoleName[] = ["admin", "brand", "partner"];

/** Why a role may not sign in to the console (it has no pages there), or undefined when it may. */
export function consoleRefusal(role: RoleName): string | undefined {
  return navigationFor(role).length === 0 ? `The ${role} role has no console pages.` : undefined;
}

/** Where a role lands after signing in (the sign-in for a role with no pages, which it refuses). */
export function homeOf(role: RoleName): string {
  return navigationFor(role)[0]?.path ?? "/sign-in";
}
