import { createConnectQueryKey, useMutation } from "@connectrpc/connect-query";
import { useQueryClient } from "@tanstack/react-query";
import { type Campaign, CampaignService, CampaignStatus } from "@waybill/sdk/campaigns";
import { useState } from "react";
import { useAttemptKey } from "../../forms/attempt-key.js";
import { describeError, type ShownError } from "../../forms/describe-error.js";
import { useSignedIn } from "../../session/session-context.js";
import { ConfirmControl } from "../../ui/index.js";

/** Archive, after a confirmation saying what it does (ArchiveCampaign: final, removed from the platform). */
export function ArchiveControl({ campaign }: { readonly campaign: Campaign }) {
  const session = useSignedIn();
  const queryClient = useQueryClient();
  const archive = useMutation(CampaignService.method.archiveCampaign);
  const attempt = useAttemptKey();
  const [failure, setFailure] = useState<ShownError>();
  if (campaign.status === CampaignStatus.ARCHIVED) return null;

  async function confirm(): Promise<boolean> {
    setFailure(undefined);
    try {
      await archive.mutateAsync({
        campaignId: campaign.campaignId,
        idempotencyKey: attempt.keyFor({ archive: campaign.campaignId }),
      });
      attempt.settled();
      await queryClient.invalidateQueries({
        queryKey: createConnectQueryKey({ schema: CampaignService, cardinality: undefined }),
      });
      return true;
    } catch (thrown) {
      setFailure(describeError(thrown, { role: session.role, action: "archive campaigns" }));
      return false;
    }
  }

  return (
    <ConfirmControl
      label="Archive"
      title="Archive campaign"
      question={
        <>
          Archive <strong>{campaign.name}</strong>? It is removed from {campaign.platform}, its status becomes final,
          and later edits stay in Waybill.
        </>
      }
      confirmLabel="Archive campaign"
      busy={archive.isPending}
      failure={failure}
      onConfirm={confirm}
    />
  );
}
