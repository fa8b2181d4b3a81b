package dev.mljobs.local.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The local authorizer: {@code Authorization: Bearer <key>} with one of the runtime's API keys
 * makes the caller that key's owner. Routes matched by {@code open} (health, worker callbacks that
 * carry their own token) reach the handler without a key, as routes without an authorizer do in
 * AWS.
 */
public final class BearerKeyAuthorizer implements Authorizer {

  private final Map<String, String> ownersByKey;
  private final Predicate<APIGatewayV2HTTPEvent> open;

  /**
   * @param ownersByKey each API key and the owner it authenticates
   */
  public BearerKeyAuthorizer(
      Map<String, String> ownersByKey, Predicate<APIGatewayV2HTTPEvent> open) {
    if (ownersByKey.isEmpty() || ownersByKey.keySet().stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException("API keys must not be blank");
    }
    this.ownersByKey = Map.copyOf(ownersByKey);
    this.open = open;
  }

  public BearerKeyAuthorizer(String key, String owner, Predicate<APIGatewayV2HTTPEvent> open) {
    this(Map.of(key, owner), open);
  }

  @Override
  public Optional<Map<String, String>> authorize(APIGatewayV2HTTPEvent request) {
    if (open.test(request)) {
      return Optional.of(Map.of());
    }
    String header = request.getHeaders() == null ? null : request.getHeaders().get("authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    String owner = null;
    // compare with every key, in constant time each, so timing leaks neither key nor match
    for (Map.Entry<String, String> entry : ownersByKey.entrySet()) {
      if (MessageDigest.isEqual(given, entry.getKey().getBytes(StandardCharsets.UTF_8))) {
        owner = entry.getValue();
      }
    }
    return owner == null ? Optional.empty() : Optional.of(Map.of("sub", owner));
  }
}
