// @vitest-environment happy-dom
import { create } from "@bufbuild/protobuf";
import { ActivityEntrySchema } from "@waybill/sdk/notifications";
import { describe, expect, it } from "vitest";
import { liveLimit, maxBacklog, mergeFeed, streamStart, withLiveEntry } from "./feed.js";

const entry = (sequence: number, summary = `entry ${sequence}`) =>
  create(ActivityEntrySchema, { sequence: BigInt(sequence), summary });

describe("mergeFeed", () => {
  it("shows each entry once, newest first, whether it came live or from a page", () => {
    const merged = mergeFeed([entry(7), entry(9), entry(8)], [[entry(8), entry(6)], [entry(5)]]);
    expect(merged.map((e) => e.sequence)).toEqual([9n, 8n, 7n, 6n, 5n]);
  });
});

describe("withLiveEntry", () => {
  it("keeps the newest live entries only", () => {
    let live: readonly ReturnType<typeof entry>[] = [];
    for (let i = 1; i <= liveLimit + 2; i++) live = withLiveEntry(live, entry(i));
    expect(live).toHaveLength(liveLimit);
    expect(live[0]?.sequence).toBe(3n);
  });
});

describe("streamStart", () => {
  it("resumes just below the newest entry read, so the stream repeats it and misses nothing after", () => {
    expect(streamStart(entry(42), 30)).toEqual({ afterSequence: 41n, backlog: 0 });
  });

  it("opens an empty feed with a page of the latest entries, so none recorded before the stream is lost", () => {
    expect(streamStart(undefined, 30)).toEqual({ afterSequence: 0n, backlog: 30 });
    expect(streamStart(undefined, 500)).toEqual({ afterSequence: 0n, backlog: maxBacklog });
  });
});
