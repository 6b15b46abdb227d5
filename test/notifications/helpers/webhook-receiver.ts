import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { verifyWebhookSignature, WebhookHeaders } from "@waybill/sdk";

/** One delivery as the receiver got it. */
export interface ReceivedDelivery {
  /** The path it was posted to (one per webhook in these tests). */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly eventId: string;
  readonly eventType: string;
  /** Whether the SDK's helper accepted its signature with the path's secret. */
  readonly signatureValid: boolean;
  /** The status the receiver answered. */
  readonly status: number;
}

/** A real HTTP endpoint in this process that checks signatures with the SDK and answers as told. */
export interface WebhookReceiver {
  /** The URL of a path on the receiver. */
  url(path: string): string;
  /** Sets the secret deliveries to `path` are checked with (RegisterWebhook's answer). */
  secret(path: string, secret: string): void;
  /** Answers the next requests to `path` with these statuses ("hang" never answers), then 200. */
  answer(path: string, ...statuses: readonly (number | "hang")[]): void;
  /** Answers every request to `path` with `status` ("hang": never) until told otherwise (undefined: back to 200). */
  answerAlways(path: string, status: number | "hang" | undefined): void;
  readonly deliveries: readonly ReceivedDelivery[];
  /** Deliveries to one path. */
  to(path: string): ReceivedDelivery[];
  close(): Promise<void>;
}

/** Starts the receiver on a free loopback port. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const deliveries: ReceivedDelivery[] = [];
  const secrets = new Map<string, string>();
  const scripted = new Map<string, (number | "hang")[]>();
  const always = new Map<string, number | "hang">();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      void (async () => {
        const path = request.url ?? "/";
        const body = Buffer.concat(chunks).toString("utf8");
        const header = (name: string) => request.headers[name.toLowerCase()] as string | undefined;
        const signatureValid = await verifyWebhookSignature({
          secret: secrets.get(path) ?? "",
          body,
          timestamp: header(WebhookHeaders.timestamp),
          signature: header(WebhookHeaders.signature),
        });
        const next = scripted.get(path)?.shift() ?? always.get(path) ?? 200;
        deliveries.push({
          path,
          headers: request.headers,
          body,
          eventId: header(WebhookHeaders.eventId) ?? "",
          eventType: header(WebhookHeaders.eventType) ?? "",
          signatureValid,
          status: next === "hang" ? 0 : next,
        });
        if (next === "hang") return;
        response.writeHead(next).end();
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    secret: (path, secret) => void secrets.set(path, secret),
    answer: (path, ...statuses) => void scripted.set(path, [...statuses]),
    answerAlways(path, status) {
      if (status === undefined) always.delete(path);
      else always.set(path, status);
    },
    deliveries,
    to: (path) => deliveries.filter((delivery) => delivery.path === path),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
