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
      return [{ path: "/items", label: "Items" }];
  }
}

/** Where a role lands after signing in. */
export function homeOf(role: RoleName): string {
  return navigationFor(role)[0]?.path ?? "/sign-in";
}
