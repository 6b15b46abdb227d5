// @vitest-environment happy-dom
import { create } from "@bufbuild/protobuf";
import { cleanup, render, screen } from "@testing-library/react";
import { WebhookSchema } from "@waybill/sdk/notifications";
import { afterEach, describe, expect, it } from "vitest";
import { SecretReveal } from "./secret-reveal.js";

afterEach(cleanup);

const webhook = create(WebhookSchema, { webhookId: "w1", url: "https://example.com/hook" });

describe("SecretReveal", () => {
  it("shows the secret of a first answer", () => {
    render(<SecretReveal webhook={webhook} secret="whsec_abc" onDismiss={() => {}} />);
    expect(screen.getByTestId("webhook-secret").textContent).toBe("whsec_abc");
  });

  it("says why there is no secret when the answer was a replay, and what to do", () => {
    render(<SecretReveal webhook={webhook} secret="" onDismiss={() => {}} />);
    expect(screen.queryByTestId("webhook-secret")).toBeNull();
    const notice = screen.getByRole("alert").textContent ?? "";
    expect(notice).toContain("registered by an earlier attempt whose answer was lost");
    expect(notice).toContain("cannot be shown again");
    expect(notice).toContain("Delete it and register it again");
  });
});
