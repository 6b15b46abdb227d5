import { skipToken, useQuery } from "@connectrpc/connect-query";
import { keepPreviousData } from "@tanstack/react-query";
import { type Assignment, CourierKind, FleetService, GetCourierRequestSchema } from "@waybill/sdk/fleet";
import { useState } from "react";
import { describeError } from "../../forms/describe-error.js";
import { checkRequest } from "../../forms/validate-request.js";
import { useSignedIn } from "../../session/session-context.js";
import { Button, EmptyState, ErrorBanner, PageHeader, Pager, Spinner } from "../../ui/index.js";
import { LiveIndicator } from "../items/live-indicator.js";
import { activeStatuses, finishedStatuses } from "./assignment-actions.js";
import { AssignmentCard } from "./assignment-card.js";
import { CourierSummary } from "./courier-summary.js";
import { useRefreshFleet } from "./use-refresh-fleet.js";
import { useWatchOwnCourier } from "./use-watch-own-courier.js";
import "./courier.css";

const pageSize = 10;
// The courier's own WatchFleet stream brings every change of its load or state, but not one change
// of an assignment that leaves the courier as it was: an order recalled after a rider picked it up
// (the rider still carries it). So the list is also read again when the phone's tab comes back.
const onReturn = { refetchOnWindowFocus: "always" as const };

/**
 * `/assignments`: the signed-in courier (its id is the token's subject), its availability, and
 * its deliveries to do or done (ListAssignments, oldest first, page by page), each with the one
 * report its status allows. Live: its own WatchFleet stream re-reads the courier and the list when
 * the courier changes (a new assignment changes its load), so an order assigned while the page is
 * open shows up by itself. Laid out for a phone.
 */
export function AssignmentsPage() {
  const session = useSignedIn();
  const refresh = useRefreshFleet();
  const [view, setView] = useState<"todo" | "done">("todo");
  const [tokens, setTokens] = useState<readonly string[]>([""]);
  const identity = checkRequest(GetCourierRequestSchema, { courierId: session.subject });
  const courierId = identity.valid ? session.subject : "";
  const courier = useQuery(FleetService.method.getCourier, courierId ? { courierId } : skipToken);
  const live = useWatchOwnCourier(courierId, courier.data?.courier?.version, refresh);
  const list = useQuery(
    FleetService.method.listAssignments,
    courierId
      ? {
          courierId,
          statuses: [...(view === "todo" ? activeStatuses : finishedStatuses)],
          page: { pageSize, pageToken: tokens[tokens.length - 1] ?? "" },
        }
      : skipToken,
    { ...onReturn, placeholderData: keepPreviousData },
  );
  const assignments: readonly Assignment[] = list.data?.assignments ?? [];
  const kind = courier.data?.courier?.kind ?? CourierKind.UNSPECIFIED;
  const switchView = (next: "todo" | "done") => {
    setView(next);
    setTokens([""]);
  };

  if (!identity.valid) {
    return (
      <ErrorBanner
        error={{
          title: "This sign-in names no courier",
          detail: "A courier's token carries its courier id (a UUID) as its subject.",
          violations: [],
        }}
      />
    );
  }
  return (
    <div className="courier-page">
      <PageHeader
        title="My assignments"
        actions={
          <>
            <LiveIndicator state={live} />
            {/* A manual read has a use only while the stream is down (not while it first connects). */}
            {(live.status === "retrying" || live.status === "failed") && (
              <Button variant="ghost" onClick={() => void refresh()} busy={list.isFetching && !list.isPending}>
                Refresh
              </Button>
            )}
          </>
        }
      />
      {courier.error && (
        <ErrorBanner error={describeError(courier.error, { role: session.role, action: "read this courier" })} />
      )}
      {courier.data?.courier && <CourierSummary courier={courier.data.courier} />}
      <fieldset className="segmented courier-tabs" aria-label="Assignments">
        <Button
          variant={view === "todo" ? "primary" : "ghost"}
          aria-pressed={view === "todo"}
          onClick={() => switchView("todo")}
        >
          To do
        </Button>
        <Button
          variant={view === "done" ? "primary" : "ghost"}
          aria-pressed={view === "done"}
          onClick={() => switchView("done")}
        >
          Done
        </Button>
      </fieldset>
      {list.error && (
        <ErrorBanner error={describeError(list.error, { role: session.role, action: "list these assignments" })} />
      )}
      {list.isPending ? (
        <Spinner label="Loading assignments…" />
      ) : assignments.length === 0 ? (
        <EmptyState title={view === "todo" ? "Nothing to deliver right now" : "Nothing delivered yet"}>
          {view === "todo" && "New orders of your zone come to you while you are online."}
        </EmptyState>
      ) : (
        <div className="assignment-list">
          {assignments.map((assignment) => (
            <AssignmentCard key={assignment.orderId} assignment={assignment} courierKind={kind} />
          ))}
        </div>
      )}
      <Pager
        page={tokens.length}
        total={list.data?.page?.totalSize}
        hasNext={Boolean(list.data?.page?.nextPageToken)}
        onPrevious={() => setTokens((current) => current.slice(0, -1))}
        onNext={() => {
          const next = list.data?.page?.nextPageToken;
          if (next) setTokens((current) => [...current, next]);
        }}
      />
    </div>
  );
}
