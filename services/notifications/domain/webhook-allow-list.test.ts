import { describe, expect, it } from "vitest";
import { allowedTarget, parseAllowList } from "./webhook-allow-list.js";
import { refusedAddress, webhookEndpoint } from "./webhook-target-rules.js";

const target = (host: string, port: number, address = host) => ({ host, port, address });

describe("the allow-list", () => {
  it("lets through listed CIDRs, addresses, names, on their port when one is given", () => {
    const list = parseAllowList("10.0.0.0/8, ::1, 127.1:8080, [fd00::1]:9000, hooks.internal");
    expect(allowedTarget(list, target("10.9.8.7", 80))).toBe(true);
    expect(allowedTarget(list, target("::1", 1))).toBe(true);
    expect(allowedTarget(list, target("127.0.0.1", 8080))).toBe(true);
    expect(allowedTarget(list, target("127.0.0.1", 8081))).toBe(false);
    expect(allowedTarget(list, target("fd00::1", 9000))).toBe(true);
    expect(allowedTarget(list, target("fd00::1", 9001))).toBe(false);
    expect(allowedTarget(list, target("hooks.internal", 443, "192.168.0.4"))).toBe(true);
    expect(allowedTarget(list, target("other.internal", 443, "192.168.0.4"))).toBe(false);
    expect(allowedTarget(list, target("::ffff:10.0.0.1", 80))).toBe(true);
  });

  it("is empty for an empty text, and refuses what it cannot read", () => {
    expect(parseAllowList(" , ")).toEqual([]);
    expect(() => parseAllowList("10.0.0.0/40")).toThrow('"10.0.0.0/40" is not a CIDR');
    expect(() => parseAllowList("http://x/")).toThrow("is not a host");
    expect(() => parseAllowList("user@host")).toThrow("is not a host");
  });
});

describe("webhook endpoints", () => {
  it("normalises the host through the URL parser and takes https only when told", () => {
    expect(webhookEndpoint("http://2130706433/", false)).toEqual({ host: "127.0.0.1", port: 80 });
    expect(webhookEndpoint("http://0x7f000001:81/", false)).toEqual({ host: "127.0.0.1", port: 81 });
    expect(webhookEndpoint("https://[::1]/", true)).toEqual({ host: "::1", port: 443 });
    expect(webhookEndpoint("http://hooks.example.com/", true)).toEqual({ problem: "must be https" });
    expect(webhookEndpoint("https://u:p@hooks.example.com/", true)).toEqual({
      problem: "must not carry a user name or password",
    });
  });

  it("refuses a name when any of its addresses is not public and not allowed", () => {
    const endpoint = { host: "hooks.example.com", port: 443 };
    expect(refusedAddress(endpoint, ["93.184.215.14"], [])).toBeUndefined();
    expect(refusedAddress(endpoint, ["93.184.215.14", "10.0.0.1"], [])).toBe("10.0.0.1 (private)");
    expect(refusedAddress(endpoint, ["10.0.0.1"], parseAllowList("10.0.0.0/8"))).toBeUndefined();
  });
});
