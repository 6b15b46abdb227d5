import { randomBytes } from "node:crypto";
import type {
  PlatformCampaign,
  PlatformCampaignInput,
  PlatformCampaignPage,
  PlatformCampaignPatch,
} from "../platform/index.js";

/** The outcome of a create: the campaign (`replayed` for a repeated idempotency key), or a key reused for another body. */
export type CreateOutcome =
  | { readonly campaign: PlatformCampaign; readonly replayed: boolean }
  | { readonly conflict: true };

/** The simulated platform's campaigns, in memory. */
export interface SimulatorStore {
  create(input: PlatformCampaignInput, idempotencyKey: string | undefined): CreateOutcome;
  get(id: string): PlatformCampaign | undefined;
  /** Applies a checked patch; undefined when there is no such campaign, an error text when the result is invalid. */
  update(id: string, patch: PlatformCampaignPatch): PlatformCampaign | string | undefined;
  /** False when there was no such campaign. */
  remove(id: string): boolean;
  /** A page in creation order, of one advertiser when given. */
  list(query: {
    readonly advertiserId?: string;
    readonly pageSize: number;
    readonly pageToken?: string;
  }): PlatformCampaignPage;
  /** Forgets every campaign and idempotency key. */
  reset(): void;
}

/**
 * Creates the store behind the simulator. Ids look like the platform's own (`mp_` and hex). An
 * idempotency key remembers its first create: repeating it with the same body answers that
 * campaign (as it is now, or as it was if since deleted), with another body a conflict.
 */
export function createSimulatorStore(now: () => Date = () => new Date()): SimulatorStore {
  const campaigns = new Map<string, PlatformCampaign & { readonly seq: number }>();
  const keys = new Map<string, { readonly body: string; readonly campaign: PlatformCampaign }>();
  let seq = 0;
  const strip = ({ seq: _seq, ...campaign }: PlatformCampaign & { seq: number }): PlatformCampaign => campaign;

  return {
    create(input, idempotencyKey) {
      const body = JSON.stringify(input);
      const earlier = idempotencyKey ? keys.get(idempotencyKey) : undefined;
      if (earlier) {
        if (earlier.body !== body) return { conflict: true };
        const current = campaigns.get(earlier.campaign.id);
        return { campaign: current ? strip(current) : earlier.campaign, replayed: true };
      }
      const at = now().toISOString();
      const stored = {
        id: `mp_${randomBytes(8).toString("hex")}`,
        ...input,
        created_at: at,
        updated_at: at,
        seq: ++seq,
      };
      campaigns.set(stored.id, stored);
      if (idempotencyKey) keys.set(idempotencyKey, { body, campaign: strip(stored) });
      return { campaign: strip(stored), replayed: false };
    },
    get(id) {
      const found = campaigns.get(id);
      return found && strip(found);
    },
    update(id, patch) {
      const found = campaigns.get(id);
      if (!found) return undefined;
      const next = { ...found, ...patch, updated_at: now().toISOString() };
      if (Date.parse(next.end_time) <= Date.parse(next.start_time)) return "end_time must be after start_time";
      campaigns.set(id, next);
      return strip(next);
    },
    remove: (id) => campaigns.delete(id),
    list(query) {
      const after = query.pageToken ? Number(Buffer.from(query.pageToken, "base64url").toString()) : 0;
      const matching = [...campaigns.values()].filter(
        (c) => c.seq > after && (!query.advertiserId || c.advertiser_id === query.advertiserId),
      );
      const page = matching.slice(0, query.pageSize);
      const last = page.at(-1);
      const more = matching.length > page.length && last;
      return {
        campaigns: page.map(strip),
        next_page_token: more ? Buffer.from(String(last.seq)).toString("base64url") : "",
      };
    },
    reset() {
      campaigns.clear();
      keys.clear();
    },
  };
}
