import ipaddr from "ipaddr.js";

/**
 * Why `address` is not a public unicast address a webhook may be posted to (the ipaddr.js range
 * it falls in: `loopback`, `private`, `linkLocal`, `carrierGradeNat`, `uniqueLocal`, `multicast`,
 * `unspecified`, `reserved`, …), or `undefined` when it is one. An IPv4-mapped IPv6 address
 * (`::ffff:127.0.0.1`) is judged as the IPv4 address it carries; the deprecated IPv4-compatible
 * block (`::a.b.c.d`, which holds `::` and `::1` too) and the translation and tunnel blocks
 * (NAT64, 6to4, Teredo) are refused whole, since they lead to an IPv4 address by another way.
 *
 * @example
 * nonPublicRange("169.254.169.254") // => "linkLocal"
 * nonPublicRange("2606:4700::1") // => undefined
 */
export function nonPublicRange(address: string): string | undefined {
  if (!ipaddr.isValid(address)) return "not an IP address";
  const parsed = ipaddr.process(address);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).parts.slice(0, 6).every((part) => part === 0))
    return "ipv4Compatible";
  const range = parsed.range();
  return range === "unicast" ? undefined : range;
}

/** Whether `host` (a URL's hostname, IPv6 without brackets) is an IP address rather than a name. */
export function isIpAddress(host: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(host) || ipaddr.IPv6.isValid(host);
}
