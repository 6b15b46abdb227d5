import type { metrics as sdkMetrics } from "@opentelemetry/sdk-node";
import {
  type Notification,
  NotificationChannel,
  NotificationStatus,
} from "@waybill/contracts/waybill/notifications/v1/notifications_pb.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventsSettled, registerGaugeReaders, stockedItem, waitFor } from "../support/index.js";
import { type NotificationsHarness, startNotificationsHarness } from "./helpers/notifications-harness.js";

// Registered before the code under test starts, in this process: its instruments take the meter
// from the global API.
const { reader, observedNow } = registerGaugeReaders();

/** `waybill.notifications.backlog` as a collection made now reports it, keyed `channel/status`. */
async function backlog(by: sdkMetrics.MetricReader = reader): Promise<Record<string, number>> {
  const { resourceMetrics, errors } = await by.collect();
  expect(errors).toEqual([]);
  const gauge = resourceMetrics.scopeMetrics
    .flatMap((scope) => scope.metrics)
    .filter((metric) => metric.descriptor.name === "waybill.notifications.backlog");
  for (const metric of gauge) expect(metric.descriptor.unit).toBe("{notification}");
  const points = gauge.flatMap((metric) => metric.dataPoints as sdkMetrics.DataPoint<number>[]);
  return Object.fromEntries(
    points.map((point) => [`${point.attributes.channel}/${point.attributes.status}`, point.value]),
  );
}

const pendingOf = (list: readonly Notification[], channel: NotificationChannel) =>
  list.filter((item) => item.channel === channel && item.status === NotificationStatus.PENDING).length;

let n: NotificationsHarness;
let stopped = false;

beforeAll(async () => {
  // The senders look once at start, then only after a minute: what the test creates stays PENDING.
  n = await startNotificationsHarness({ env: { NOTIFY_POLL_MS: "60000" } });
});
afterAll(async () => {
  if (!stopped) await n?.stop();
});

describe("waybill.notifications.backlog", () => {
  it("counts the notifications still to be sent by channel and status, 0 included", async () => {
    expect(await backlog()).toEqual({
      "email/pending": 0,
      "email/retrying": 0,
      "webhook/pending": 0,
      "webhook/retrying": 0,
    });

    const acme = await n.brand("acme");
    await acme.notifications.registerWebhook({
      brandId: "acme",
      url: n.receiver.url("/backlog"),
      eventTypes: [],
      description: "backlog",
      idempotencyKey: "register-backlog",
    });
    await stockedItem(acme, "acme", "B-1", 5);
    await n.customer();
    // Every notification these events call for exists once they are handled.
    await eventsSettled(n.env);
    const list = await n.notifications();
    const expected = {
      "email/pending": pendingOf(list, NotificationChannel.EMAIL),
      "email/retrying": 0,
      "webhook/pending": pendingOf(list, NotificationChannel.WEBHOOK),
      "webhook/retrying": 0,
    };
    expect(list.every((item) => item.status === NotificationStatus.PENDING)).toBe(true);
    expect(expected["email/pending"]).toBeGreaterThanOrEqual(1);
    expect(expected["webhook/pending"]).toBeGreaterThanOrEqual(2);
    expect(
      await waitFor(
        () => backlog(),
        (counts) =>
          counts["webhook/pending"] === expected["webhook/pending"] &&
          counts["email/pending"] === expected["email/pending"],
      ),
    ).toEqual(expected);
  });

  it("is no longer observed once Notifications has stopped", async () => {
    expect(Object.keys(await backlog(observedNow))).toHaveLength(4);
    stopped = true;
    await n.stop();
    expect(await backlog(observedNow)).toEqual({});
  });
});
