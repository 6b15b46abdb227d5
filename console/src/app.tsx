import { TransportProvider } from "@connectrpc/connect-query";
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { isUnauthenticated } from "@waybill/sdk";
import { lazy, type ReactNode, Suspense, useEffect, useMemo, useRef } from "react";
import { BrowserRouter, Navigate, Outlet, Route, Routes } from "react-router";
import { ActivityPage } from "./pages/activity/activity-page.js";
import { CampaignsPage } from "./pages/campaigns/campaigns-page.js";
import { AssignmentsPage } from "./pages/courier/assignments-page.js";
import { MyOrderPage } from "./pages/customer/my-order-page.js";
import { MyOrdersPage } from "./pages/customer/my-orders-page.js";
import { FleetPage } from "./pages/fleet/fleet-page.js";
import { ItemsPage } from "./pages/items/items-page.js";
import { OperationsPage } from "./pages/operations/operations-page.js";
import { NewOrderPage } from "./pages/orders/order-form/new-order-page.js";
import { OrderPage } from "./pages/orders/order-page.js";
import { OrdersPage } from "./pages/orders/orders-page.js";
import { SettingsPage } from "./pages/settings/settings-page.js";
import { SignInPage } from "./pages/sign-in/sign-in-page.js";
import { SimulatorSwitch } from "./pages/simulator/simulator-switch.js";
import { WebhooksPage } from "./pages/webhooks/webhooks-page.js";
import { createConsoleTransport } from "./rpc/transport.js";
import { homeOf, itemRoles, navigationFor } from "./session/navigation.js";
import type { RoleName } from "./session/session.js";
import { SessionProvider, useSession } from "./session/session-context.js";
import { PageLayout, Spinner } from "./ui/index.js";

// The item page carries Chart.js: loaded when first opened.
const ItemPage = lazy(() => import("./pages/items/item-page.js").then((module) => ({ default: module.ItemPage })));

// The campaign page carries Chart.js too.
const CampaignPage = lazy(() =>
  import("./pages/campaigns/campaign-page.js").then((module) => ({ default: module.CampaignPage })),
);

/** The console: session, one transport, the query cache, and the routes of each role. */
export function App() {
  return (
    <SessionProvider>
      <Providers>
        <BrowserRouter>
          <Routes>
            <Route path="/sign-in" element={<SignInPage />} />
            <Route element={<SignedInLayout />}>
              <Route path="/" element={<Home />} />
              <Route element={<RoleGuard roles={itemRoles} />}>
                <Route path="/items" element={<ItemsPage />} />
                <Route path="/items/:sku" element={<ItemPage />} />
                <Route path="/orders" element={<OrdersPage />} />
                <Route path="/orders/:orderId" element={<OrderPage />} />
                <Route path="/campaigns" element={<CampaignsPage />} />
                <Route path="/campaigns/:campaignId" element={<CampaignPage />} />
                <Route path="/webhooks" element={<WebhooksPage />} />
                <Route path="/activity" element={<ActivityPage />} />
              </Route>
              <Route element={<RoleGuard roles={["admin", "brand"]} />}>
                <Route path="/settings" element={<SettingsPage />} />
              </Route>
              <Route element={<RoleGuard roles={["admin"]} />}>
                <Route path="/fleet" element={<FleetPage />} />
                <Route path="/operations" element={<OperationsPage />} />
              </Route>
              <Route element={<RoleGuard roles={["courier"]} />}>
                <Route path="/assignments" element={<AssignmentsPage />} />
              </Route>
              <Route element={<RoleGuard roles={["customer"]} />}>
                <Route path="/my-orders" element={<MyOrdersPage />} />
                <Route path="/my-orders/new" element={<NewOrderPage />} />
                <Route path="/my-orders/:orderId" element={<MyOrderPage />} />
              </Route>
              <Route element={<RoleGuard roles={["admin", "partner"]} />}>
                <Route path="/orders/new" element={<NewOrderPage />} />
              </Route>
              <Route path="*" element={<Home />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </Providers>
    </SessionProvider>
  );
}

/**
 * The transport reads the session's token at each call. A call answered UNAUTHENTICATED (the
 * token expired, the key was revoked) ends the session, which leads back to the sign-in; a
 * session's end empties the query cache, so the next one never sees the last one's data.
 */
function Providers({ children }: { readonly children: ReactNode }) {
  const { currentToken, session, signOut } = useSession();
  const transport = useMemo(() => createConsoleTransport(currentToken), [currentToken]);
  const onError = useRef<(error: unknown) => void>(() => undefined);
  onError.current = (error: unknown) => {
    if (isUnauthenticated(error)) signOut();
  };
  const queryClient = useMemo(
    () =>
      new QueryClient({
        queryCache: new QueryCache({ onError: (error) => onError.current(error) }),
        mutationCache: new MutationCache({ onError: (error) => onError.current(error) }),
        defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
      }),
    [],
  );
  useEffect(() => {
    if (!session) queryClient.clear();
  }, [session, queryClient]);
  return (
    <TransportProvider transport={transport}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </TransportProvider>
  );
}

function SignedInLayout() {
  const { session, signOut } = useSession();
  if (!session) return <Navigate to="/sign-in" replace />;
  const who = `${session.role}${session.brandId ? ` · ${session.brandId}` : ""}${
    session.role === "customer" || session.role === "courier" ? ` · ${session.subject}` : ""
  }`;
  return (
    <PageLayout nav={navigationFor(session.role)} who={who} onSignOut={signOut} extras={<SimulatorSwitch />}>
      <Suspense fallback={<Spinner />}>
        <Outlet />
      </Suspense>
    </PageLayout>
  );
}

function Home() {
  const { session } = useSession();
  return <Navigate to={session ? homeOf(session.role) : "/sign-in"} replace />;
}

function RoleGuard({ roles }: { readonly roles: readonly RoleName[] }) {
  const { session } = useSession();
  if (!session || !roles.includes(session.role)) return <Navigate to="/" replace />;
  return <Outlet />;
}
