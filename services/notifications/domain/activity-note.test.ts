import { describe, expect, it } from "vitest";
import { decodeActivityNote, encodeActivityNote } from "./activity-note.js";

describe("activity notes", () => {
  it("carries an entry through a NOTIFY payload and ignores anything else", () => {
    const note = { sequence: 42, brandId: "acme", customerId: "c1", orderId: "o1" };
    expect(decodeActivityNote(encodeActivityNote(note))).toEqual(note);
    expect(decodeActivityNote(undefined)).toBeUndefined();
    expect(decodeActivityNote("not json")).toBeUndefined();
    expect(decodeActivityNote('{"s":"42"}')).toBeUndefined();
  });
});
