import { createConnectQueryKey, useMutation } from "@connectrpc/connect-query";
import { useQueryClient } from "@tanstack/react-query";
import { type Campaign, CampaignService, CampaignStatus } from "@waybill/sdk/campaigns";
import { useEffect, useRef, useState } from "react";
import { useAttemptKey } from "../../forms/attempt-key.js";
import { describeError, type ShownError } from "../../forms/describe-error.js";
import { useSignedIn } from "../../session/session-context.js";
import { Button, ErrorBanner } from "../../ui/index.js";

/** Archive, after a confirmation saying what it does (ArchiveCampaign: final, removed from the platform). */
export function ArchiveControl({ campaign }: { readonly campaign: Campaign }) {
  const session = useSignedIn();
  const queryClient = useQueryClient();
  const archive = useMutation(CampaignService.method.archiveCampaign);
  const attempt = useAttemptKey();
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<ShownError>();
  const dialog = useRef<HTMLDivElement>(null);
  // The question takes the focus, so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (confirming) dialog.current?.focus();
  }, [confirming]);
  if (campaign.status === CampaignStatus.ARCHIVED) return null;

  async function confirm() {
    setFailure(undefined);
    try {
      await archive.mutateAsync({
        campaignId: campaign.campaignId,
        idempotencyKey: attempt.keyFor({ archive: campaign.campaignId }),
      });
      attempt.settled();
      setConfirming(false);
      await queryClient.invalidateQueries({
        queryKey: createConnectQueryKey({ schema: CampaignService, cardinality: undefined }),
      });
    } catch (thrown) {
      setFailure(describeError(thrown, { role: session.role, action: "archive campaigns" }));
    }
  }

  if (!confirming) {
    return (
      <Button variant="danger" onClick={() => setConfirming(true)}>
        Archive
      </Button>
    );
  }
  return (
    <div className="confirm" role="alertdialog" aria-label="Archive campaign" tabIndex={-1} ref={dialog}>
      <p>
        Archive <strong>{campaign.name}</strong>? It is removed from {campaign.platform}, its status becomes final, and
        later edits stay in Waybill.
      </p>
      <ErrorBanner error={failure} />
      <div className="row">
        <Button variant="danger" onClick={confirm} busy={archive.isPending}>
          Archive campaign
        </Button>
        <Button variant="ghost" onClick={() => setConfirming(false)}>
          Keep it
        </Button>
      </div>
    </div>
  );
}
