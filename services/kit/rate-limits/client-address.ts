import ipaddr from "ipaddr.js";

/**
 * The address a caller without a valid token is counted under: its IPv4 address, or the /64
 * network of an IPv6 one (a single host usually holds a whole /64, so counting each address apart
 * would let it take a new budget per request).
 *
 * @example
 * clientAddressKey("::ffff:10.0.0.7");        // "10.0.0.7"
 * clientAddressKey("2001:db8:1:2:aa:bb:cc:dd"); // "2001:db8:1:2::/64"
 */
export function clientAddressKey(remoteAddress: string | undefined): string {
  if (!remoteAddress) return "unknown";
  if (!ipaddr.isValid(remoteAddress)) return remoteAddress;
  const address = ipaddr.process(remoteAddress);
  if (address.kind() === "ipv4") return address.toString();
  const parts = (address as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16));
  return `${parts.join(":")}::/64`;
}
