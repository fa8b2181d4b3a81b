package dev.mljobs.core.webhook;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which webhook addresses the platform may call, checked at submission and again at every delivery
 * (so a host re-pointed at an internal address after submission is caught: the delivery connects
 * only to the addresses this policy returned). Refused: loopback, link-local (the cloud metadata
 * address among them), private, unique-local, multicast, unspecified and other non-global
 * addresses, in every notation the IPAddress library reads (decimal {@code 2130706433}, hex {@code
 * 0x7f.1}, octal {@code 0177.0.0.1}, short {@code 127.1}, IPv6, IPv4-mapped/-compatible, NAT64 and
 * 6to4 forms), and host names that resolve to any of them. {@code allow} names hosts or CIDRs an
 * operator lets through on purpose ({@code MLJOBS_CALLBACK_ALLOW}).
 */
public final class CallbackUrlPolicy {

  /** Looks a host name up: every address it has. */
  @FunctionalInterface
  public interface Resolver {
    /**
     * @throws UnknownHostException when the name does not resolve
     */
    InetAddress[] resolve(String host) throws UnknownHostException;

    static Resolver system() {
      return InetAddress::getAllByName;
    }
  }

  private final boolean httpsOnly;
  private final List<String> allowedHosts = new ArrayList<>();
  private final List<IPAddress> allowedRanges = new ArrayList<>();
  private final Resolver resolver;

  /**
   * @param httpsOnly refuse {@code http://} (in AWS); the local runtime allows it
   * @param allow host names and CIDRs (or single addresses) that are let through
   * @throws IllegalArgumentException when an entry is neither a host name nor an address range
   */
  public CallbackUrlPolicy(boolean httpsOnly, List<String> allow, Resolver resolver) {
    this.httpsOnly = httpsOnly;
    this.resolver = resolver;
    for (String entry : allow) {
      String e = entry.trim().toLowerCase(Locale.ROOT);
      if (e.isEmpty()) {
        continue;
      }
      IPAddress range = new IPAddressString(e).getAddress();
      if (range != null) {
        allowedRanges.add(range);
      } else if (e.matches("[a-z0-9.-]+")) {
        allowedHosts.add(e);
      } else {
        throw new IllegalArgumentException(
            "MLJOBS_CALLBACK_ALLOW: '" + entry + "' is neither a host name nor a CIDR");
      }
    }
  }

  /**
   * Reads {@code MLJOBS_CALLBACK_ALLOW} (comma-separated) and {@code MLJOBS_CALLBACK_HTTP} ({@code
   * true} allows plain http, as the local runtime sets it; https only otherwise).
   */
  public static CallbackUrlPolicy fromEnv(java.util.Map<String, String> env) {
    return new CallbackUrlPolicy(
        !"true".equals(env.get("MLJOBS_CALLBACK_HTTP")),
        List.of(env.getOrDefault("MLJOBS_CALLBACK_ALLOW", "").split(",")),
        Resolver.system());
  }

  /**
   * Checks a webhook address as given at submission: its form, its scheme and where it resolves.
   *
   * @return the parsed address
   * @throws RefusedCallbackUrlException with the reason
   */
  public URI check(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new RefusedCallbackUrlException("must be an absolute http or https URL", false);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new RefusedCallbackUrlException("must be an absolute http or https URL", false);
    }
    if (httpsOnly && !scheme.equals("https")) {
      throw new RefusedCallbackUrlException("must use https", false);
    }
    String authority = uri.getRawAuthority();
    if (uri.getRawUserInfo() != null || (authority != null && authority.contains("@"))) {
      throw new RefusedCallbackUrlException("must not contain user information (user@)", false);
    }
    if (uri.getRawFragment() != null) {
      throw new RefusedCallbackUrlException("must not contain a fragment (#)", false);
    }
    addresses(host(uri));
    return uri;
  }

  /**
   * The host part. {@link URI} leaves it out for names such as {@code 127.1} or {@code 0x7f.1} (not
   * valid host names to it, yet clients that parse like inet_aton call them): then it is read from
   * the authority, so those are judged too.
   */
  private static String host(URI uri) {
    if (uri.getHost() != null && !uri.getHost().isEmpty()) {
      return uri.getHost();
    }
    String authority = uri.getRawAuthority();
    if (authority == null || authority.isEmpty()) {
      throw new RefusedCallbackUrlException("must name a host", false);
    }
    int colon = authority.lastIndexOf(':');
    String host = colon < 0 || authority.endsWith("]") ? authority : authority.substring(0, colon);
    if (host.isEmpty()) {
      throw new RefusedCallbackUrlException("must name a host", false);
    }
    return host;
  }

  /**
   * The addresses of {@code host} that may be called: every one it resolves to, each checked. The
   * caller connects to these and no others.
   *
   * @throws RefusedCallbackUrlException when the host names an IPv6 zone, does not resolve
   *     (retryable) or any of its addresses is refused (not retryable); a name's two cases read the
   *     same
   */
  public List<InetAddress> addresses(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    if (name.startsWith("[") && name.endsWith("]")) {
      name = name.substring(1, name.length() - 1);
    }
    if (name.contains("%")) {
      // an IPv6 zone names an interface of the caller's machine, never a public address
      throw new RefusedCallbackUrlException("host must not name an IPv6 zone (%)", false);
    }
    boolean hostAllowed = allowedHosts.contains(name);
    IPAddress literal = new IPAddressString(name).getAddress();
    List<InetAddress> addresses = new ArrayList<>();
    if (literal != null && literal.isIPAddress()) {
      InetAddress address = literal.toInetAddress();
      if (address == null) {
        throw new RefusedCallbackUrlException("host is not an address that can be called", false);
      }
      addresses.add(address);
    } else if (name.endsWith(".")) {
      throw new RefusedCallbackUrlException("host must not end with '.'", false);
    } else {
      try {
        addresses.addAll(List.of(resolver.resolve(name)));
      } catch (UnknownHostException e) {
        throw notPublic(name, true);
      }
    }
    if (addresses.isEmpty()) {
      throw notPublic(name, true);
    }
    for (InetAddress address : addresses) {
      IPAddress ip = new IPAddressString(address.getHostAddress()).getAddress();
      if (!hostAllowed && !isAllowed(ip)) {
        String why = NonGlobalAddresses.reason(ip);
        if (why != null) {
          if (literal == null) {
            throw notPublic(name, false);
          }
          throw new RefusedCallbackUrlException(
              "address "
                  + ip.withoutPrefixLength()
                  + " is "
                  + why
                  + "; only public addresses are called",
              false);
        }
      }
    }
    return List.copyOf(addresses);
  }

  /**
   * A host name that does not resolve and one that resolves to a non-public address get the same
   * message, so that neither the 400 nor a webhook's last_error tells an owner which internal names
   * exist (nor their addresses). Only whether a later try may succeed differs.
   */
  private static RefusedCallbackUrlException notPublic(String name, boolean transientFailure) {
    return new RefusedCallbackUrlException(
        "host " + name + " is not a public address that can be called", transientFailure);
  }

  private boolean isAllowed(IPAddress ip) {
    for (IPAddress range : allowedRanges) {
      if (range.getIPVersion() == ip.getIPVersion() && range.contains(ip)) {
        return true;
      }
    }
    return false;
  }
}
