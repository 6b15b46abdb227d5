// A webhook receiver with Node's `http` and @waybill/sdk: it verifies each delivery's signature
// on the raw body, handles each event once (retries carry the same event id) and answers 204.
//
//   WAYBILL_WEBHOOK_SECRET=whsec_... PORT=3000 HOST=127.0.0.1 node webhook-receiver.mjs
//
// Put it behind your HTTPS proxy and register it with
// `registerWebhook({ brandId, url: "https://<your host>/waybill" })`; the answer's
// `signingSecret` is shown once, so keep it where this process reads it.
import { createServer } from "node:http";
import { verifyWebhookSignature, WebhookHeaders } from "@waybill/sdk/node";

const secret = process.env.WAYBILL_WEBHOOK_SECRET ?? "";
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";
if (secret === "") throw new Error("set WAYBILL_WEBHOOK_SECRET to the webhook's signing secret");

// Event ids already handled. In production this is a table with a unique key, written in the
// same transaction as the event's effects.
const handled = new Set();

/** What this receiver does with an event: here, one JSON line on stdout. */
function handle(eventType, event) {
  console.log(JSON.stringify({ handled: eventType, event }));
}

const server = createServer(async (request, response) => {
  if (request.method !== "POST" || request.url !== "/waybill") {
    response.writeHead(404).end();
    return;
  }
  const header = (name) => {
    const value = request.headers[name.toLowerCase()];
    return typeof value === "string" ? value : undefined;
  };
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  const body = Buffer.concat(chunks); // the raw bytes, exactly as signed
  const valid = await verifyWebhookSignature({
    secret,
    body,
    timestamp: header(WebhookHeaders.timestamp),
    signature: header(WebhookHeaders.signature),
  });
  if (!valid) {
    console.log(JSON.stringify({ refused: "bad signature" }));
    response.writeHead(400).end("bad signature");
    return;
  }
  const eventId = header(WebhookHeaders.eventId);
  let event;
  try {
    event = JSON.parse(body.toString("utf8"));
  } catch {
    response.writeHead(400).end("not JSON");
    return;
  }
  if (eventId === undefined || !handled.has(eventId)) {
    if (eventId !== undefined) handled.add(eventId);
    handle(header(WebhookHeaders.eventType), event);
  }
  response.writeHead(204).end(); // any 2xx: delivered; anything else and Waybill retries
});

server.listen(port, host, () => console.log(JSON.stringify({ listening: port })));
// Stop taking deliveries on SIGTERM, finish those under way, then exit.
process.on("SIGTERM", () => server.close(() => process.exit(0)));
