// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { Field } from "./field.js";
import { nextSort, type SortState, Table } from "./table.js";

afterEach(cleanup);

describe("Field", () => {
  it("marks the input invalid and ties the error text to it", () => {
    render(<Field label="SKU" name="sku" error="value does not match regex pattern" />);
    const input = screen.getByLabelText("SKU");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    const note = document.getElementById(input.getAttribute("aria-describedby") ?? "");
    expect(note?.textContent).toBe("value does not match regex pattern");
  });

  it("shows its hint when there is no error", () => {
    render(<Field label="Name" name="name" hint="As customers see it" />);
    expect(screen.getByLabelText("Name").getAttribute("aria-invalid")).toBeNull();
    expect(screen.getByText("As customers see it")).toBeTruthy();
  });
});

/** A table whose sort lives in state, as pages keep it. */
function Sorted() {
  const [sort, setSort] = useState<SortState>();
  return (
    <Table
      columns={[
        { key: "sku", header: "SKU", sortKey: "sku", cell: (row: { sku: string }) => row.sku },
        { key: "plain", header: "Plain", cell: () => "-" },
      ]}
      rows={[{ sku: "A" }, { sku: "B" }]}
      rowKey={(row) => row.sku}
      sort={sort}
      onSort={setSort}
    />
  );
}

describe("Table", () => {
  it("cycles a sortable header ascending, descending, ascending", () => {
    expect(nextSort(undefined, "sku")).toEqual({ key: "sku", direction: "asc" });
    expect(nextSort({ key: "sku", direction: "asc" }, "sku")).toEqual({ key: "sku", direction: "desc" });
    expect(nextSort({ key: "sku", direction: "desc" }, "sku")).toEqual({ key: "sku", direction: "asc" });
    expect(nextSort({ key: "sku", direction: "desc" }, "name")).toEqual({ key: "name", direction: "asc" });
  });

  it("reports the sort on the header it was asked by", () => {
    render(<Sorted />);
    const header = screen.getByRole("button", { name: /SKU/ });
    fireEvent.click(header);
    expect(header.closest("th")?.getAttribute("aria-sort")).toBe("ascending");
    fireEvent.click(header);
    expect(header.closest("th")?.getAttribute("aria-sort")).toBe("descending");
    expect(screen.queryByRole("button", { name: /Plain/ })).toBeNull();
  });
});
