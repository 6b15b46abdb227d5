// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ConfirmControl } from "./confirm-control.js";

afterEach(cleanup);

function renderControl(onConfirm: () => Promise<boolean>) {
  render(
    <ConfirmControl
      label="Delete"
      title="Delete webhook"
      question="Delete it?"
      confirmLabel="Delete webhook"
      busy={false}
      failure={undefined}
      onConfirm={onConfirm}
    />,
  );
}

describe("ConfirmControl", () => {
  it("asks first, with the focus on the question, and closes once done", async () => {
    const onConfirm = vi.fn(async () => true);
    renderControl(onConfirm);
    fireEvent.click(screen.getByRole("button", { name: "Delete" }));
    const dialog = screen.getByRole("alertdialog", { name: "Delete webhook" });
    expect(document.activeElement).toBe(dialog);
    fireEvent.click(screen.getByRole("button", { name: "Delete webhook" }));
    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
    expect(onConfirm).toHaveBeenCalledOnce();
  });

  it("stays open when the action failed, and Keep it closes without acting", async () => {
    const onConfirm = vi.fn(async () => false);
    renderControl(onConfirm);
    fireEvent.click(screen.getByRole("button", { name: "Delete" }));
    fireEvent.click(screen.getByRole("button", { name: "Delete webhook" }));
    await waitFor(() => expect(onConfirm).toHaveBeenCalledOnce());
    expect(screen.getByRole("alertdialog")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Keep it" }));
    expect(screen.queryByRole("alertdialog")).toBeNull();
  });
});
