import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureEventStreams } from "../../services/kit/events/index.js";
import { waitUntil } from "../support/index.js";
import type { EventFixture } from "./event-fixture.js";
import { createEventFixture } from "./event-fixture.js";
import { messageIdCounts } from "./stream-message-ids.js";

/** A duplicate window short enough to outlast in a test, and a lease well below it. */
const duplicateWindowMs = 2_000;
const leaseMs = 500;

describe("relay after an outage longer than the duplicate window", () => {
  let fx: EventFixture;

  beforeAll(async () => {
    fx = await createEventFixture();
    await ensureEventStreams({
      jsm: fx.jsm,
      prefix: fx.env.prefix,
      logger: fx.logger,
      duplicateWindowMs,
      domains: ["inventory"],
    });
  });
  afterAll(() => fx?.destroy());

  /** Rows a relay has claimed at least once and nobody has marked. */
  const claimedUnpublished = async () => {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from ${sql.table(`${fx.schema}.outbox`)}
      where attempts > 0 and published_at is null`.execute(fx.db);
    return rows[0]?.n ?? 0;
  };

  it("publishes every event exactly once: what is already in the stream is found and marked, the rest published", async () => {
    expect((await fx.jsm.streams.info(fx.stream)).config.duplicate_window).toBe(duplicateWindowMs * 1_000_000);
    const relayOptions = { leaseMs, duplicateWindowMs, pollIntervalMs: 100, batchSize: 50 };

    // Relay A publishes ten rows and "dies" before marking them.
    const published = [...(await fx.appendCommitted(6)), ...(await fx.appendCommitted(4))];
    const killedAfterPublish = fx.relay({
      ...relayOptions,
      afterPublish: () => Promise.reject(new Error("killed after publish")),
    });
    await killedAfterPublish.start();
    await waitUntil(
      () => messageIdCounts(fx.js, fx.stream, `${fx.env.prefix}.inventory.ItemCreated`),
      (counts) => counts.size === 10,
      "relay A's publishes",
    );
    await killedAfterPublish.stop();

    // Relay B claims three more rows and "dies" before publishing them.
    const neverSent = await fx.appendCommitted(3);
    const killedAfterClaim = fx.relay({
      ...relayOptions,
      afterClaim: () => Promise.reject(new Error("killed after claim")),
    });
    await killedAfterClaim.start();
    await waitUntil(claimedUnpublished, (n) => n === 13, "relay B's claim");
    await killedAfterClaim.stop();
    expect(await fx.count("unpublished")).toBe(13);

    // Wait until JetStream has forgotten the ids: a probe published after them is no longer a
    // duplicate of itself once its own window has passed (ids expire in the order they came).
    const probe = { subject: `${fx.env.prefix}.inventory.Probe`, msgID: randomUUID() };
    const publishProbe = async () =>
      (await fx.js.publish(probe.subject, new Uint8Array(), { msgID: probe.msgID })).duplicate;
    expect(await publishProbe()).toBe(false);
    await waitUntil(publishProbe, (duplicate) => !duplicate, "the duplicate window to pass", 10_000);

    // A fresh relay finds A's ten in the stream and marks them, and publishes B's three.
    const recovering = fx.relay(relayOptions);
    await recovering.start();
    await waitUntil(
      () => fx.count("unpublished"),
      (n) => n === 0,
      "every row marked",
    );
    const stats = recovering.stats();
    expect([stats.recovered, stats.published - stats.duplicates]).toEqual([10, 3]);

    const counts = await messageIdCounts(fx.js, fx.stream, `${fx.env.prefix}.inventory.ItemCreated`);
    expect([...counts.keys()].sort()).toEqual([...published, ...neverSent].sort());
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });
});
