import { describe, expect, it } from "vitest";
import { isIpAddress, nonPublicRange } from "./webhook-address.js";

describe("nonPublicRange", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["10.0.0.1", "private"],
    ["172.16.0.1", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "linkLocal"],
    ["100.64.0.1", "carrierGradeNat"],
    ["0.0.0.0", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["240.0.0.1", "reserved"],
    ["::1", "ipv4Compatible"],
    ["::", "ipv4Compatible"],
    ["::7f00:1", "ipv4Compatible"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:a9fe:a9fe", "linkLocal"],
    ["fe80::1", "linkLocal"],
    ["fd00::1", "uniqueLocal"],
    ["ff02::1", "multicast"],
    ["64:ff9b::7f00:1", "rfc6052"],
    ["2002:7f00:1::", "6to4"],
    ["2001:db8::1", "reserved"],
    ["localhost", "not an IP address"],
  ])("refuses %s (%s)", (address, range) => {
    expect(nonPublicRange(address)).toBe(range);
  });

  it.each(["93.184.215.14", "8.8.8.8", "2606:4700::1", "::ffff:8.8.8.8"])("takes the public %s", (address) => {
    expect(nonPublicRange(address)).toBeUndefined();
  });

  it("tells addresses from names", () => {
    expect(isIpAddress("127.0.0.1")).toBe(true);
    expect(isIpAddress("::1")).toBe(true);
    expect(isIpAddress("hooks.example.com")).toBe(false);
    expect(isIpAddress("2130706433")).toBe(false);
  });
});
