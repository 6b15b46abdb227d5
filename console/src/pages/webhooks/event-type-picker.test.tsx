// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { EventTypePicker } from "./event-type-picker.js";

afterEach(cleanup);

/** The picker with its choice in state, as the form keeps it. */
function Picker({ onChange }: { readonly onChange: (chosen: readonly string[]) => void }) {
  const [chosen, setChosen] = useState<readonly string[]>([]);
  return (
    <EventTypePicker
      chosen={chosen}
      onChange={(next) => {
        setChosen(next);
        onChange(next);
      }}
    />
  );
}

describe("EventTypePicker", () => {
  it("says every event while none is checked, and sends the checked types by their full names", () => {
    const seen: (readonly string[])[] = [];
    render(<Picker onChange={(next) => seen.push(next)} />);
    expect(screen.getByText("Every event of the brand")).toBeTruthy();
    fireEvent.click(screen.getByRole("checkbox", { name: "OrderPlaced" }));
    fireEvent.click(screen.getByRole("checkbox", { name: "StockLow" }));
    expect(screen.getByText("2 chosen")).toBeTruthy();
    fireEvent.click(screen.getByRole("checkbox", { name: "OrderPlaced" }));
    expect(seen.at(-1)).toEqual(["waybill.inventory.v1.StockLow"]);
  });

  it("marks the group invalid with the error", () => {
    render(<EventTypePicker chosen={[]} error="value must be unique" onChange={() => undefined} />);
    expect(screen.getByRole("alert").textContent).toBe("value must be unique");
    expect(screen.getByRole("group").className).toContain("field-invalid");
  });
});
