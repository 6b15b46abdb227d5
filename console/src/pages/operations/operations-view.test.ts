import { create } from "@bufbuild/protobuf";
import { DurationSchema } from "@bufbuild/protobuf/wkt";
import {
  DeadLetterReason,
  GetEventBacklogResponseSchema,
  RedriveDeadLettersResponseSchema,
} from "@waybill/contracts/waybill/operations/v1/operations_pb.js";
import { describe, expect, it } from "vitest";
import {
  deadLetters,
  filterChoices,
  formatAge,
  reasonView,
  redriveSummary,
  stillListed,
  toggled,
} from "./operations-view.js";

describe("the operations page's words", () => {
  it("names each reason with a tone", () => {
    expect(reasonView(DeadLetterReason.MAX_DELIVERIES)).toMatchObject({
      label: "Handler kept failing",
      tone: "danger",
    });
    expect(reasonView(DeadLetterReason.TERMINATED)).toMatchObject({ label: "Undecodable", tone: "warning" });
    expect(reasonView(DeadLetterReason.UNSPECIFIED).tone).toBe("neutral");
  });

  it("writes ages at a glance", () => {
    expect(formatAge(undefined)).toBe("0 s");
    expect(formatAge(create(DurationSchema, { seconds: 4n, nanos: 200_000_000 }))).toBe("4.2 s");
    expect(formatAge(create(DurationSchema, { seconds: 42n, nanos: 0 }))).toBe("42 s");
    expect(formatAge(create(DurationSchema, { seconds: 185n, nanos: 0 }))).toBe("3 min 5 s");
    expect(formatAge(create(DurationSchema, { seconds: 7800n, nanos: 0 }))).toBe("2 h 10 min");
  });

  it("counts in words", () => {
    expect(deadLetters(1)).toBe("1 dead letter");
    expect(deadLetters(3n)).toBe("3 dead letters");
  });

  it("summarises a redrive, with what was left in place", () => {
    const done = create(RedriveDeadLettersResponseSchema, {
      redrivenCount: 2n,
      redrivenDlqSequences: [3n, 5n],
      leftDlqSequences: [4n],
    });
    expect(redriveSummary(done)).toEqual([
      "Redrove 2 dead letters (#3, #5): their consumers try them again.",
      "Left 1 dead letter in place (#4): the event is gone from its stream.",
    ]);
    expect(redriveSummary(create(RedriveDeadLettersResponseSchema, {}))).toEqual([
      "Nothing was redriven: the chosen dead letters were no longer waiting.",
    ]);
  });
});

describe("selection and filters", () => {
  it("toggles a selection and keeps only what is still listed", () => {
    const one = toggled(new Set(), "3");
    expect([...one]).toEqual(["3"]);
    expect([...toggled(one, "3")]).toEqual([]);
    expect(stillListed(new Set(["3", "9"]), [3n, 4n])).toEqual([3n]);
  });

  it("offers every stream and consumer of the backlog, once, sorted", () => {
    const backlog = create(GetEventBacklogResponseSchema, {
      consumers: [
        { stream: "W_ORDERS", consumer: "fleet-orders" },
        { stream: "W_INVENTORY", consumer: "notifications-activity-inventory" },
      ],
      deadLetterCounts: [{ stream: "W_ORDERS", consumer: "gone-consumer", count: 1n }],
    });
    expect(filterChoices(backlog)).toEqual({
      streams: ["W_INVENTORY", "W_ORDERS"],
      consumers: ["fleet-orders", "gone-consumer", "notifications-activity-inventory"],
    });
    expect(filterChoices(undefined)).toEqual({ streams: [], consumers: [] });
  });
});
