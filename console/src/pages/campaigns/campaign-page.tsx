import { useQuery } from "@connectrpc/connect-query";
import { CampaignService } from "@waybill/sdk/campaigns";
import { useMemo, useState } from "react";
import { Link, useParams } from "react-router";
import { describeError } from "../../forms/describe-error.js";
import { useSignedIn } from "../../session/session-context.js";
import { Badge, Button, Card, ErrorBanner, PageHeader, Spinner } from "../../ui/index.js";
import { formatMoney } from "../items/money.js";
import { useBrand } from "../items/use-brand.js";
import { ArchiveControl } from "./archive-control.js";
import { CampaignForm } from "./campaign-form.js";
import { statusBadge, syncBadge } from "./campaign-status.js";
import { dateTimeText } from "./dates.js";
import { statsBars } from "./stats-bars.js";
import { StatsChart } from "./stats-chart.js";

/** `/campaigns/:campaignId`: a campaign, how it stands with its platform, its edit and archive, and its stats. */
export function CampaignPage() {
  const session = useSignedIn();
  const { campaignId = "" } = useParams();
  const { brandId, canPick } = useBrand();
  const [editing, setEditing] = useState(false);
  const campaign = useQuery(CampaignService.method.getCampaign, { campaignId });
  const stats = useQuery(CampaignService.method.getCampaignStats, { campaignId });
  const bars = useMemo(() => statsBars(stats.data?.stats), [stats.data]);
  const back = canPick && brandId ? `/campaigns?brand=${encodeURIComponent(brandId)}` : "/campaigns";

  if (campaign.isPending) return <Spinner label="Loading campaign…" />;
  if (campaign.error || !campaign.data.campaign) {
    return (
      <>
        <Link to={back}>← Campaigns</Link>
        <ErrorBanner error={describeError(campaign.error, { role: session.role, action: "read this campaign" })} />
      </>
    );
  }
  const current = campaign.data.campaign;
  const status = statusBadge(current.status);
  const sync = syncBadge(current.syncState);
  const figures = [
    ["orders", "Orders", String(stats.data?.stats?.orders ?? 0n)],
    ["units", "Units", String(stats.data?.stats?.units ?? 0n)],
    ["revenue", "Revenue", formatMoney(stats.data?.stats?.revenue)],
    ["cancelled", "Cancelled orders", String(stats.data?.stats?.cancelledOrders ?? 0n)],
  ] as const;
  return (
    <>
      <Link to={back}>← Campaigns</Link>
      <PageHeader
        title={
          <>
            {current.name}{" "}
            <span data-testid="campaign-status">
              <Badge tone={status.tone}>{status.label}</Badge>
            </span>
          </>
        }
        actions={
          <>
            <Button onClick={() => setEditing(true)} disabled={editing}>
              Edit
            </Button>
            <ArchiveControl campaign={current} />
          </>
        }
      />
      {editing && (
        <CampaignForm
          brandId={current.brandId}
          campaign={current}
          onDone={() => setEditing(false)}
          onCancel={() => setEditing(false)}
        />
      )}
      <div className="grid-2">
        <Card title="Campaign">
          <dl className="details">
            <dt>Brand</dt>
            <dd>{current.brandId}</dd>
            <dt>Budget</dt>
            <dd>{formatMoney(current.budget)}</dd>
            <dt>Runs</dt>
            <dd>
              {dateTimeText(current.startTime)} – {dateTimeText(current.endTime)}
            </dd>
            <dt>Promo code</dt>
            <dd className="mono">{current.promoCode || "none"}</dd>
            <dt>Created</dt>
            <dd>{dateTimeText(current.createTime)}</dd>
            {current.archiveTime && (
              <>
                <dt>Archived</dt>
                <dd>{dateTimeText(current.archiveTime)}</dd>
              </>
            )}
          </dl>
        </Card>
        <Card title="Platform" actions={<Badge tone={sync.tone}>{sync.label}</Badge>}>
          <dl className="details" data-testid="campaign-sync">
            <dt>Platform</dt>
            <dd>{current.platform}</dd>
            <dt>Id there</dt>
            <dd className="mono">{current.platformCampaignId || "—"}</dd>
            <dt>Last sync</dt>
            <dd>{dateTimeText(current.lastSyncTime)}</dd>
            <dt>Last error</dt>
            <dd className={current.lastSyncError ? "field-error" : "muted"}>{current.lastSyncError || "none"}</dd>
          </dl>
        </Card>
      </div>
      <Card title="Attribution">
        {stats.error ? (
          <ErrorBanner error={describeError(stats.error, { role: session.role, action: "read campaign stats" })} />
        ) : stats.isPending ? (
          <Spinner label="Loading stats…" />
        ) : (
          <div className="grid-2">
            <div className="row" data-testid="campaign-stats">
              {figures.map(([key, label, value]) => (
                <div className="stat" key={key} data-stat={key}>
                  <span className="stat-value">{value}</span>
                  <span className="stat-label">{label}</span>
                </div>
              ))}
            </div>
            <StatsChart bars={bars} />
          </div>
        )}
        <p className="muted">
          Orders placed with the promo code, less cancellations and returns
          {current.promoCode ? "" : " (this campaign has no promo code, so nothing is attributed)"}.
        </p>
      </Card>
    </>
  );
}
