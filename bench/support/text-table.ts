/**
 * Renders rows as an aligned table for people: the first `leftColumns` columns padded on the right
 * (names), the others on the left (numbers), a rule under the header.
 *
 * @example
 * alignTable(["scenario", "ok/s"], [["flash", "812"]], 1);
 */
export function alignTable(header: readonly string[], rows: readonly (readonly string[])[], leftColumns = 1): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i < leftColumns ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
