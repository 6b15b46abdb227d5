import { describe, expect, it } from "vitest";
import { ownUrl } from "./own-url.js";

describe("the URL a process reaches itself at", () => {
  it.each([
    ["127.0.0.1", "http://127.0.0.1:8080"],
    ["0.0.0.0", "http://127.0.0.1:8080"],
    ["::", "http://[::1]:8080"],
    ["::1", "http://[::1]:8080"],
    ["waybill.internal", "http://waybill.internal:8080"],
  ])("listening on %s: %s", (host, url) => {
    expect(ownUrl(host, 8080)).toBe(url);
  });
});
