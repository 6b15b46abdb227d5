import { TransportProvider } from "@connectrpc/connect-query";
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { isUnauthenticated } from "@waybill/sdk";
import { lazy, type ReactNode, Suspense, useEffect, useMemo, useRef } from "react";
import { BrowserRouter, Navigate, Outlet, Route, Routes } from "react-router";
import { CampaignsPage } from "./pages/campaigns/campaigns-page.js";
import { ComingNextPage } from "./pages/coming-next-page.js";
import { ItemsPage } from "./pages/items/items-page.js";
import { OrderPage } from "./pages/orders/order-page.js";
import { OrdersPage } from "./pages/orders/orders-page.js";
import { SignInPage } from "./pages/sign-in/sign-in-page.js";
import { createConsoleTransport } from "./rpc/transport.js";
import { homeOf, navigationFor } from "./session/navigation.js";
import type { RoleName } from "./session/session.js";
import { SessionProvider, useSession } from "./session/session-context.js";
import { PageLayout, Spinner } from "./ui/index.js";

// The item page carries Chart.js: loaded when first opened.
const ItemPage = lazy(() => import("./pages/items/item-page.js").then((module) => ({ default: module.ItemPage })));

// The campaign page carries Chart.js too.
const CampaignPage = lazy(() =>
  import("./pages/campaigns/campaign-page.js").then((module) => ({ default: module.CampaignPage })),
);

const itemRoles: readonly RoleName[] = ["admin", "brand", "partner"];

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
                <Route path="/webhooks" element={<ComingNextPage title="Webhooks" />} />
                <Route path="/activity" element={<ComingNextPage title="Activity" />} />
              </Route>
              <Route element={<RoleGuard roles={["admin"]} />}>
                <Route path="/fleet" element={<ComingNextPage title="Fleet" />} />
                <Route path="/operations" element={<ComingNextPage title="Operations" />} />
              </Route>
              <Route element={<RoleGuard roles={["courier"]} />}>
                <Route path="/assignments" element={<ComingNextPage title="My assignments" />} />
              </Route>
              <Route element={<RoleGuard roles={["customer"]} />}>
                <Route path="/my-orders" element={<ComingNextPage title="My orders" />} />
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
    <PageLayout nav={navigationFor(session.role)} who={who} onSignOut={signOut}>
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
