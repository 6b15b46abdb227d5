import { describe, expect, it } from "vitest";
import { alignTable } from "./text-table.js";

describe("text table", () => {
  it("pads names left and numbers right under a rule", () => {
    expect(
      alignTable(
        ["name", "n"],
        [
          ["ab", "1"],
          ["c", "100"],
        ],
      ).split("\n"),
    ).toEqual(["name    n", "----  ---", "ab      1", "c     100"]);
  });
});
