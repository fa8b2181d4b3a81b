package dev.mljobs.core.webhook;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv6.IPv6Address;
import java.util.List;

/**
 * Addresses that are not on the public internet, and IPv6 forms that carry an IPv4 address inside
 * (mapped, compatible, translated, NAT64, 6to4), judged by the address they carry.
 */
final class NonGlobalAddresses {

  private NonGlobalAddresses() {}

  /** Special-purpose blocks (RFC 6890) the library's own tests do not name. */
  private static final List<IPAddress> RESERVED =
      List.of(
              "0.0.0.0/8",
              "100.64.0.0/10",
              "192.0.0.0/24",
              "192.0.2.0/24",
              "198.18.0.0/15",
              "198.51.100.0/24",
              "203.0.113.0/24",
              "240.0.0.0/4",
              "100::/64",
              // local-use NAT64 (RFC 8215): where its IPv4 address sits is the operator's choice
              "64:ff9b:1::/48",
              "2001::/32",
              "2001:db8::/32")
          .stream()
          .map(s -> new IPAddressString(s).getAddress())
          .toList();

  /**
   * IPv4-translated addresses (::ffff:0:0:0/96, RFC 2765): the IPv4 address in the last 32 bits.
   */
  private static final IPAddress IPV4_TRANSLATED =
      new IPAddressString("::ffff:0:0:0/96").getAddress();

  /**
   * @return what kind of non-public address {@code ip} is ("a loopback address"), or {@code null}
   *     for a public one
   */
  static String reason(IPAddress ip) {
    if (ip.isIPv6()) {
      IPv6Address v6 = ip.toIPv6();
      if (v6.isIPv4Mapped() || v6.isIPv4Compatible()) {
        return v6.isLoopback() || v6.isAnyLocal()
            ? plain(ip)
            : orEmbedded(reason(v6.getEmbeddedIPv4Address()));
      }
      if (IPV4_TRANSLATED.contains(v6)) {
        return orEmbedded(reason(v6.getEmbeddedIPv4Address(12)));
      }
      if (v6.isWellKnownIPv4Translatable() || v6.is6To4()) {
        return orEmbedded(
            reason(v6.is6To4() ? v6.get6To4IPv4Address() : v6.getEmbeddedIPv4Address(12)));
      }
    }
    return plain(ip);
  }

  private static String orEmbedded(String embedded) {
    return embedded == null ? null : embedded + " embedded in IPv6";
  }

  private static String plain(IPAddress ip) {
    if (ip.isAnyLocal()) {
      return "an unspecified address";
    }
    if (ip.isLoopback()) {
      return "a loopback address";
    }
    if (ip.isMulticast()) {
      return "a multicast address";
    }
    if (ip.isLinkLocal()) {
      return "a link-local address";
    }
    if (ip.isIPv6() && ip.toIPv6().isUniqueLocal()) {
      return "a unique-local address";
    }
    if (ip.isLocal()) {
      return "a private address";
    }
    if (ip.isIPv4() && ip.toIPv4().intValue() == -1) {
      return "a broadcast address";
    }
    for (IPAddress block : RESERVED) {
      if (block.getIPVersion() == ip.getIPVersion() && block.contains(ip)) {
        return "a reserved address";
      }
    }
    return null;
  }
}
