import { useQuery } from "@connectrpc/connect-query";
import { keepPreviousData } from "@tanstack/react-query";
import { type Campaign, CampaignService, type CampaignStatus } from "@waybill/sdk/campaigns";
import { useState } from "react";
import { Link } from "react-router";
import { describeError } from "../../forms/describe-error.js";
import { useSignedIn } from "../../session/session-context.js";
import {
  Button,
  Card,
  EmptyState,
  ErrorBanner,
  Field,
  PageHeader,
  SelectField,
  type SortState,
  Spinner,
  TokenPager,
  usePageTokens,
} from "../../ui/index.js";
import { BrandPicker } from "../items/brand-picker.js";
import { useBrand } from "../items/use-brand.js";
import { CampaignForm } from "./campaign-form.js";
import { statusBadge } from "./campaign-status.js";
import { CampaignsTable } from "./campaigns-table.js";
import { filterStatuses, listRequest } from "./list-request.js";
import { ReconcileButton } from "./reconcile-button.js";

const pageSize = 20;

/**
 * `/campaigns`: the brand's campaigns (ListCampaigns: name search, status filter, sort, page
 * tokens and total), the form for a new one, and for an operator the brand picker and a reconcile.
 */
export function CampaignsPage() {
  const session = useSignedIn();
  const brand = useBrand();
  const [query, setQuery] = useState("");
  const [status, setStatus] = useState<CampaignStatus>();
  const [sort, setSort] = useState<SortState>();
  const paging = usePageTokens();
  const [creating, setCreating] = useState(false);
  const restart = paging.restart;
  const input = listRequest({
    brandId: brand.brandId,
    query,
    status,
    sort,
    pageSize,
    pageToken: paging.token,
  });
  const list = useQuery(CampaignService.method.listCampaigns, input, { placeholderData: keepPreviousData });
  const campaigns: readonly Campaign[] = list.data?.campaigns ?? [];
  const filtered = Boolean(input.query) || status !== undefined;
  const detailPath = (campaign: Campaign) =>
    `/campaigns/${encodeURIComponent(campaign.campaignId)}${
      brand.canPick ? `?brand=${encodeURIComponent(campaign.brandId)}` : ""
    }`;

  return (
    <>
      <PageHeader
        title="Campaigns"
        actions={
          <>
            {session.role === "admin" && <ReconcileButton brandId={brand.brandId} />}
            <Button variant="primary" onClick={() => setCreating(true)} disabled={creating || !brand.brandId}>
              New campaign
            </Button>
          </>
        }
      />
      {creating && brand.brandId && (
        <CampaignForm brandId={brand.brandId} onDone={() => setCreating(false)} onCancel={() => setCreating(false)} />
      )}
      <Card>
        <div className="row">
          <BrandPicker
            brand={brand}
            hint="Operators see every brand; pick one to create campaigns"
            onPicked={restart}
          />
          <Field
            label="Search"
            name="search"
            type="search"
            placeholder="Name"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              restart();
            }}
          />
          <SelectField
            label="Status"
            name="status-filter"
            value={status === undefined ? "" : String(status)}
            onChange={(e) => {
              setStatus(e.target.value ? (Number(e.target.value) as CampaignStatus) : undefined);
              restart();
            }}
          >
            <option value="">Every status</option>
            {filterStatuses.map((s) => (
              <option key={s} value={String(s)}>
                {statusBadge(s).label}
              </option>
            ))}
          </SelectField>
        </div>
      </Card>
      <Card>
        {list.error && (
          <ErrorBanner error={describeError(list.error, { role: session.role, action: "list these campaigns" })} />
        )}
        {list.isPending ? (
          <Spinner label="Loading campaigns…" />
        ) : campaigns.length === 0 ? (
          <EmptyState title={filtered ? "No campaign matches" : "No campaigns yet"}>
            {brand.brandId && !filtered && (
              <Button variant="primary" onClick={() => setCreating(true)}>
                Create the first campaign
              </Button>
            )}
          </EmptyState>
        ) : (
          <CampaignsTable
            campaigns={campaigns}
            showBrand={brand.canPick && !brand.brandId}
            sort={sort}
            onSort={(next) => {
              setSort(next);
              restart();
            }}
            nameCell={(campaign) => <Link to={detailPath(campaign)}>{campaign.name}</Link>}
          />
        )}
        <TokenPager paging={paging} page={list.data?.page} withTotal />
      </Card>
    </>
  );
}
