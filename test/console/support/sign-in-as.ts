import type { Page } from "playwright-core";
import type { ConsoleOrigin } from "./console-origin.js";

/** A role of the console's development sign-in, by its token name. */
export type ConsoleRole = "brand" | "partner" | "admin" | "customer" | "courier";

/** Who to sign in as: the role and the id it acts for (a brand's, a customer's, a courier's). */
export interface ConsoleUser {
  readonly role: ConsoleRole;
  /** Required for `brand` and `partner`. */
  readonly brandId?: string;
  /** Required for `customer`. */
  readonly customerId?: string;
  /** Required for `courier`. */
  readonly courierId?: string;
}

// The labels the sign-in form shows, and where each role lands (console/src/session/navigation.ts).
const roles: Readonly<Record<ConsoleRole, { readonly label: string; readonly home: RegExp }>> = {
  brand: { label: "Brand", home: /\/items(\?|$)/ },
  partner: { label: "Partner (integration)", home: /\/items(\?|$)/ },
  admin: { label: "Operator (admin)", home: /\/items(\?|$)/ },
  customer: { label: "Customer", home: /\/my-orders$/ },
  courier: { label: "Courier", home: /\/assignments$/ },
};

/**
 * Signs `page` in through the development sign-in as `user`, signing out first whoever is signed
 * in, and returns once the role's home page is open. Every step waits on what the page shows.
 *
 * @example
 * await signInAs(page, origin, { role: "brand", brandId: "bistro" });
 * await signInAs(page, origin, { role: "admin" });
 */
export async function signInAs(page: Page, origin: ConsoleOrigin, user: ConsoleUser): Promise<void> {
  const { label, home } = roles[user.role];
  const needed = requiredId(user);
  await page.goto(origin.signInUrl.replace("/sign-in", "/"));
  // "/" leads to the sign-in form when nobody is signed in, else to a page with "Sign out": wait
  // for whichever React draws, since right after `goto` it may have drawn neither yet.
  const form = page.getByRole("form", { name: "Development sign-in" });
  const signOut = page.getByRole("button", { name: "Sign out" });
  await signOut.or(form).waitFor();
  if (await signOut.isVisible()) await signOut.click();
  await page.waitForURL(/\/sign-in$/);
  await form.getByLabel("Role").selectOption({ label });
  if (needed) await form.getByLabel(needed.label).fill(needed.value);
  await form.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(home);
}

/** The form field the role needs, with its value; throws when the caller left it out. */
function requiredId(user: ConsoleUser): { readonly label: string; readonly value: string } | undefined {
  const [label, value] =
    user.role === "brand" || user.role === "partner"
      ? ["Brand", user.brandId]
      : user.role === "customer"
        ? ["Customer id", user.customerId]
        : user.role === "courier"
          ? ["Courier id", user.courierId]
          : [undefined, undefined];
  if (!label) return undefined;
  if (!value) throw new Error(`signInAs: a ${user.role} needs ${label}`);
  return { label, value };
}
