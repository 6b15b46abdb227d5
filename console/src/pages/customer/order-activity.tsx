import { timestampDate } from "@bufbuild/protobuf/wkt";
import { useQuery } from "@connectrpc/connect-query";
import { keepPreviousData } from "@tanstack/react-query";
import { NotificationService } from "@waybill/sdk/notifications";
import { describeError } from "../../forms/describe-error.js";
import { useSignedIn } from "../../session/session-context.js";
import { Card, EmptyState, ErrorBanner, Spinner, TokenPager, usePageTokens } from "../../ui/index.js";

const pageSize = 10;

/**
 * The activity of one of the customer's orders (ListActivity with their id and the order's,
 * newest first, page by page): placed, moved, assigned, picked up, delivered, emails sent. The
 * page's activity stream reads it again as entries arrive.
 */
export function OrderActivity({ customerId, orderId }: { readonly customerId: string; readonly orderId: string }) {
  const session = useSignedIn();
  const paging = usePageTokens();
  const activity = useQuery(
    NotificationService.method.listActivity,
    { customerId, orderId, page: { pageSize, pageToken: paging.token } },
    { placeholderData: keepPreviousData },
  );
  const entries = activity.data?.entries ?? [];
  return (
    <Card title="Activity">
      {activity.error && (
        <ErrorBanner error={describeError(activity.error, { role: session.role, action: "read this activity" })} />
      )}
      {activity.isPending ? (
        <Spinner label="Loading the activity…" />
      ) : entries.length === 0 ? (
        <EmptyState title="No activity yet" />
      ) : (
        <ol className="activity-list" data-testid="order-activity">
          {entries.map((entry) => (
            <li key={String(entry.sequence)}>
              <span>{entry.summary}</span>
              <span className="muted">{entry.eventTime ? timestampDate(entry.eventTime).toLocaleString() : ""}</span>
            </li>
          ))}
        </ol>
      )}
      <TokenPager paging={paging} page={activity.data?.page} />
    </Card>
  );
}
