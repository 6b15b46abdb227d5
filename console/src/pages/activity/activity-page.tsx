import { ListActivityRequestSchema } from "@waybill/sdk/notifications";
import { useMemo, useState } from "react";
import { describeError } from "../../forms/describe-error.js";
import { fieldErrorsOf } from "../../forms/field-errors.js";
import { checkRequest } from "../../forms/validate-request.js";
import type { ActivityScope } from "../../rpc/use-activity-stream.js";
import { useSignedIn } from "../../session/session-context.js";
import { Button, Card, EmptyState, ErrorBanner, PageHeader, Spinner } from "../../ui/index.js";
import { LiveIndicator } from "../items/live-indicator.js";
import { useBrand } from "../items/use-brand.js";
import { type ActivityFilters, ActivityFiltersCard, noActivityFilters } from "./activity-filters.js";
import { ActivityList } from "./activity-list.js";
import { entryMatches } from "./entry-kind.js";
import { useActivityFeed } from "./use-activity-feed.js";
import "./activity.css";

const fields = { brand_id: "brand", order_id: "order", customer_id: "customer" };

/**
 * `/activity`: the brand's feed (an operator's: the platform's, or a picked brand's), newest
 * first, live from WatchActivity with older entries page by page (ListActivity); filtered by
 * order and customer on the server, by kind and text on the page.
 */
export function ActivityPage() {
  const session = useSignedIn();
  const brand = useBrand();
  const [filters, setFilters] = useState<ActivityFilters>(noActivityFilters);
  const brandId = brand.brandId;
  const orderId = filters.orderId.trim();
  const customerId = filters.customerId.trim();
  // The server's filters are checked with the contract's rules first: a bad id marks its field.
  const checked = useMemo(
    () => checkRequest(ListActivityRequestSchema, { brandId, orderId, customerId }),
    [brandId, orderId, customerId],
  );
  const errors = fieldErrorsOf(checked.valid ? [] : checked.violations, fields);
  const scope: ActivityScope | undefined = useMemo(
    () => (checked.valid ? { brandId, orderId, customerId } : undefined),
    [checked, brandId, orderId, customerId],
  );
  const feed = useActivityFeed(scope);
  const shown = feed.entries.filter((entry) => entryMatches(entry, filters.kind, filters.text));
  const narrowed = Boolean(filters.kind || filters.text.trim());

  return (
    <>
      <PageHeader title="Activity" actions={<LiveIndicator state={feed.live} />} />
      <ActivityFiltersCard
        filters={filters}
        errors={errors}
        brand={brand}
        onChange={(change) => setFilters((current) => ({ ...current, ...change }))}
      />
      <Card>
        {feed.error !== null && feed.error !== undefined && (
          <ErrorBanner error={describeError(feed.error, { role: session.role, action: "read this activity" })} />
        )}
        {feed.loading ? (
          <Spinner label="Loading activity…" />
        ) : shown.length === 0 ? (
          <EmptyState title={narrowed || orderId || customerId ? "No entry matches" : "No activity yet"}>
            {narrowed ? "Older entries may match: load them below." : "Entries appear here as things happen."}
          </EmptyState>
        ) : (
          <ActivityList entries={shown} operator={brand.canPick} />
        )}
        {feed.hasOlder && (
          <div className="activity-more">
            <Button onClick={feed.loadOlder} busy={feed.loadingOlder}>
              Load older entries
            </Button>
          </div>
        )}
      </Card>
    </>
  );
}
