import { createConnectQueryKey, useMutation } from "@connectrpc/connect-query";
import { useQueryClient } from "@tanstack/react-query";
import { CampaignService } from "@waybill/sdk/campaigns";
import { useState } from "react";
import { useAttemptKey } from "../../forms/attempt-key.js";
import { describeError, type ShownError } from "../../forms/describe-error.js";
import { useSignedIn } from "../../session/session-context.js";
import { Button, ErrorBanner } from "../../ui/index.js";
import { reconcileSummary } from "./reconcile-summary.js";

/** Runs one reconcile now (ReconcileCampaigns, operators only) for the picked brand or every brand, and reports it. */
export function ReconcileButton({ brandId }: { readonly brandId: string }) {
  const session = useSignedIn();
  const queryClient = useQueryClient();
  const reconcile = useMutation(CampaignService.method.reconcileCampaigns);
  const attempt = useAttemptKey();
  const [report, setReport] = useState<readonly string[]>();
  const [failure, setFailure] = useState<ShownError>();

  async function run() {
    setFailure(undefined);
    try {
      const answer = await reconcile.mutateAsync({ brandId, idempotencyKey: attempt.keyFor({ reconcile: brandId }) });
      attempt.settled();
      setReport(reconcileSummary(answer));
      await queryClient.invalidateQueries({
        queryKey: createConnectQueryKey({ schema: CampaignService, cardinality: undefined }),
      });
    } catch (thrown) {
      setFailure(describeError(thrown, { role: session.role, action: "reconcile campaigns" }));
    }
  }

  return (
    <div className="reconcile">
      <Button onClick={run} busy={reconcile.isPending}>
        {brandId ? `Reconcile ${brandId}` : "Reconcile all brands"}
      </Button>
      <ErrorBanner error={failure} onDismiss={() => setFailure(undefined)} />
      {report && (
        <output className="reconcile-report" aria-label="Reconcile report">
          {report.map((line) => (
            <span key={line}>{line}</span>
          ))}
        </output>
      )}
    </div>
  );
}
