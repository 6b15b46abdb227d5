import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkBreaking, compileImage, latestReleaseImage, repositoryRoot } from "../scripts/contracts/index.js";

const inventoryProto = join("waybill", "inventory", "v1", "inventory.proto");

/**
 * `npm run breaking` as CI runs it: proto/ against the last released image, and copies of proto/
 * with one change, compiled the same way.
 */
describe("contracts against the last release", () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "waybill-breaking-"));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  /** Copies proto/ to a folder of its own, applies `edit` to inventory.proto and compiles it. */
  function compileVariant(name: string, edit: (source: string) => string): string {
    const protoDir = join(work, name, "proto");
    cpSync(join(repositoryRoot, "proto"), protoDir, { recursive: true });
    const file = join(protoDir, inventoryProto);
    const source = readFileSync(file, "utf8");
    const edited = edit(source);
    expect(edited).not.toBe(source);
    writeFileSync(file, edited);
    const image = join(work, name, "image.binpb");
    compileImage({ protoDir, out: image, buildDir: join(work, name) });
    return image;
  }

  it("passes for the contracts in proto/", () => {
    const image = join(work, "current.binpb");
    compileImage({ protoDir: join(repositoryRoot, "proto"), out: image, buildDir: work });
    expect(checkBreaking(image, latestReleaseImage())).toEqual({ ok: true, output: "" });
  });

  it("fails for a renamed field, naming it", () => {
    const image = compileVariant("renamed", (source) =>
      source.replace(/(message CreateItemRequest \{[\s\S]*?)string sku = 2/, "$1string stock_keeping_unit = 2"),
    );
    const report = checkBreaking(image, latestReleaseImage());
    expect(report.ok).toBe(false);
    expect(report.output).toContain("inventory.proto");
    expect(report.output).toMatch(/"sku"/);
    expect(report.output).toMatch(/stock_keeping_unit/);
  });

  it("passes for an added field", () => {
    const image = compileVariant("added", (source) =>
      source.replace(
        /(message CreateItemRequest \{)/,
        "$1\n  // A note for the brand's own records.\n  string note = 99;",
      ),
    );
    expect(checkBreaking(image, latestReleaseImage())).toEqual({ ok: true, output: "" });
  });
});
