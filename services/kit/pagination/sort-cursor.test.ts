import { describe, expect, it } from "vitest";
import { DomainError } from "../errors/index.js";
import { encodeCursor } from "./cursor.js";
import { usePageTokenSecret } from "./page-token-signature.js";
import { readPage } from "./read-page.js";
import { cursorFields, sortCursor } from "./sort-cursor.js";

usePageTokenSecret("sort-cursor-unit-test-secret-of-32-chars");

describe("sortCursor", () => {
  const cursor = sortCursor(
    { value: cursorFields.time, total: cursorFields.integer, id: cursorFields.uuid },
    "orders|acme",
  );
  const values = {
    value: new Date("2026-03-01T10:00:00.123Z"),
    total: 1250,
    id: "6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
  };

  it("round-trips typed sort values and treats an empty token as the first page", () => {
    expect(cursor.decode(cursor.encode(values))).toEqual(values);
    expect(cursor.decode("")).toBeUndefined();
    expect(cursor.decode(undefined)).toBeUndefined();
  });

  it("refuses a token of another query, and one whose values do not parse, as INVALID_ARGUMENT", () => {
    const other = sortCursor(
      { value: cursorFields.time, total: cursorFields.integer, id: cursorFields.uuid },
      "orders|other",
    );
    expect(() => other.decode(cursor.encode(values))).toThrow(/other filters or sort/);
    const forged = encodeCursor({ value: "not a time", total: 1, id: values.id }, "orders|acme");
    expect(() => cursor.decode(forged)).toThrow(DomainError);
    const huge = encodeCursor({ value: values.value.toISOString(), total: "1e400", id: values.id }, "orders|acme");
    expect(() => cursor.decode(huge)).toThrow(/not a token this list returned/);
    const notUuid = encodeCursor({ value: values.value.toISOString(), total: 1, id: "x" }, "orders|acme");
    expect(() => cursor.decode(notUuid)).toThrow(/not a token this list returned/);
  });
});

describe("readPage", () => {
  const rows = Array.from({ length: 7 }, (_, index) => index + 1);
  const read = (after: number) => async (limit: number) => rows.filter((row) => row > after).slice(0, limit);

  it("returns a page and the token after its last row while more rows follow", async () => {
    const first = await readPage({ pageSize: 3 }, read(0), (last) => String(last));
    expect(first).toEqual({ rows: [1, 2, 3], nextPageToken: "3" });
    const last = await readPage({ pageSize: 4 }, read(3), (row) => String(row));
    expect(last).toEqual({ rows: [4, 5, 6, 7], nextPageToken: "" });
  });

  it("uses the default size for 0 or no page request", async () => {
    let asked = 0;
    await readPage(
      undefined,
      async (limit) => {
        asked = limit;
        return [];
      },
      String,
    );
    expect(asked).toBe(51);
  });
});
