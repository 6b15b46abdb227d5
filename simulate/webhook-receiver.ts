import { once } from "node:events";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Code, ConnectError } from "@connectrpc/connect";
import { verifyWebhookSignature, WebhookHeaders } from "@waybill/sdk";
import type { Clients } from "./tokens.js";

/** How the simulator's webhooks are told from others: the description they are registered with. */
const receiverDescription = "waybill simulate: the simulator's receiver";

/** What the receiver has seen so far. */
export interface WebhookCounts {
  /** Webhooks registered (one per brand); 0 when the receiver could not be registered. */
  readonly registered: number;
  readonly received: number;
  /** Deliveries whose signature checked out against their brand's signing secret. */
  readonly verified: number;
  readonly rejected: number;
  /** Why there is no receiver, with what to do about it. */
  readonly hint?: string;
}

/** A webhook receiver registered as a webhook of each brand. */
export interface WebhookReceiver {
  counts(): WebhookCounts;
  /** Deletes the webhooks, then closes the server. */
  close(): Promise<void>;
}

/** Where the receiver listens and how Waybill reaches it. */
export interface ReceiverOptions {
  readonly port: number;
  readonly host: string;
  readonly brandIds: readonly string[];
}

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Starts an HTTP receiver at `/webhooks/<brand id>` and registers it, with each brand's token, as
 * a webhook of every event of the brand; checks each delivery's signature with that brand's
 * secret. When Waybill refuses the URL (a non-public address that WEBHOOK_ALLOWED_HOSTS does not
 * let through), or when its port is taken, the receiver closes and its counts carry a hint: the
 * run goes on without it.
 */
export async function startWebhookReceiver(clients: Clients, options: ReceiverOptions): Promise<WebhookReceiver> {
  const secrets = new Map<string, string>();
  const counts = { received: 0, verified: 0, rejected: 0 };
  const server = createServer(async (request, response) => {
    const body = await bodyOf(request);
    counts.received++;
    const brandId = decodeURIComponent(request.url?.split("/")[2] ?? "");
    const valid = await verifyWebhookSignature({
      secret: secrets.get(brandId) ?? "",
      body,
      timestamp: request.headers[WebhookHeaders.timestamp.toLowerCase()] as string | undefined,
      signature: request.headers[WebhookHeaders.signature.toLowerCase()] as string | undefined,
    }).catch(() => false);
    if (valid) counts.verified++;
    else counts.rejected++;
    response.writeHead(valid ? 204 : 400).end();
  });
  const bound = await listen(server, options.port, options.host === "127.0.0.1" ? "127.0.0.1" : undefined);
  if (!bound) {
    const hint = `port ${options.port} of the webhook receiver is taken (another simulation?): going on without webhooks`;
    return {
      counts: () => ({ registered: 0, received: 0, verified: 0, rejected: 0, hint }),
      close: async () => undefined,
    };
  }
  const { port } = server.address() as AddressInfo;
  const webhooks: { brandId: string; webhookId: string }[] = [];
  const closeServer = async () => {
    server.closeAllConnections();
    await new Promise<void>((closed) => server.close(() => closed()));
  };
  const unregister = async () => {
    for (const { brandId, webhookId } of webhooks.splice(0)) {
      await clients
        .brand(brandId)
        .notifications.deleteWebhook({ webhookId })
        .catch(() => undefined);
    }
  };
  let hint: string | undefined;
  let registered = 0;
  // A run that was killed (a second Ctrl-C, a crash) left its webhooks pointing at a closed port:
  // remove them first, or their deliveries would retry into dead letters for ever.
  for (const brandId of options.brandIds) {
    const { webhooks: existing } = await clients
      .brand(brandId)
      .notifications.listWebhooks({ brandId })
      .catch(() => ({ webhooks: [] }));
    for (const old of existing.filter((webhook) => webhook.description === receiverDescription)) {
      await clients
        .brand(brandId)
        .notifications.deleteWebhook({ webhookId: old.webhookId })
        .catch(() => undefined);
    }
  }
  for (const brandId of options.brandIds) {
    const url = `http://${options.host}:${port}/webhooks/${encodeURIComponent(brandId)}`;
    try {
      const { webhook, signingSecret } = await clients.brand(brandId).notifications.registerWebhook({
        brandId,
        url,
        description: receiverDescription,
      });
      secrets.set(brandId, signingSecret);
      if (webhook) webhooks.push({ brandId, webhookId: webhook.webhookId });
      registered++;
    } catch (error) {
      if (!(error instanceof ConnectError && error.code === Code.InvalidArgument)) {
        await unregister();
        await closeServer();
        throw error;
      }
      hint =
        `Waybill refused the webhook URL ${url} (${error.rawMessage}); start Waybill with ` +
        `WEBHOOK_ALLOWED_HOSTS=${options.host}:${port} to let deliveries reach the receiver. Going on without it.`;
      await unregister();
      await closeServer();
      registered = 0;
      break;
    }
  }
  return {
    counts: () => ({ registered, ...counts, ...(hint === undefined ? {} : { hint }) }),
    async close() {
      await unregister();
      if (hint === undefined) await closeServer();
    },
  };
}

/** Listens on `port`; false when the port is taken (any other failure throws). */
async function listen(server: Server, port: number, host: string | undefined): Promise<boolean> {
  server.listen(port, host);
  try {
    await once(server, "listening");
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") return false;
    throw error;
  }
}
