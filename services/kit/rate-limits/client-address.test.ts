import { describe, expect, it } from "vitest";
import { clientAddressKey } from "./client-address.js";

describe("clientAddressKey", () => {
  it("keeps an IPv4 address as it is", () => {
    expect(clientAddressKey("203.0.113.9")).toBe("203.0.113.9");
    expect(clientAddressKey("127.0.0.1")).toBe("127.0.0.1");
  });

  it("reads an IPv4-mapped IPv6 address as the IPv4 one", () => {
    expect(clientAddressKey("::ffff:10.0.0.7")).toBe("10.0.0.7");
    expect(clientAddressKey("::ffff:a00:7")).toBe("10.0.0.7");
  });

  it("groups IPv6 addresses by their /64 network", () => {
    const key = "2001:db8:1:2::/64";
    expect(clientAddressKey("2001:db8:1:2:aa:bb:cc:dd")).toBe(key);
    expect(clientAddressKey("2001:db8:1:2::1")).toBe(key);
    expect(clientAddressKey("2001:0DB8:0001:0002:ffff:ffff:ffff:ffff")).toBe(key);
    expect(clientAddressKey("2001:db8:1:3::1")).toBe("2001:db8:1:3::/64");
    expect(clientAddressKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(clientAddressKey("::1")).toBe("0:0:0:0::/64");
    expect(clientAddressKey("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
  });

  it("keeps what is not an address as it is, and says unknown for none", () => {
    expect(clientAddressKey(undefined)).toBe("unknown");
    expect(clientAddressKey("not-an-address")).toBe("not-an-address");
    expect(clientAddressKey("2001:db8::zz")).toBe("2001:db8::zz");
    expect(clientAddressKey("300.1.1.1")).toBe("300.1.1.1");
  });
});
