package dev.mljobs.local.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The local authorizer: {@code Authorization: Bearer <key>} with the runtime's API key makes the
 * caller the local owner. Routes matched by {@code open} (health, worker callbacks that carry their
 * own token) reach the handler without a key, as routes without an authorizer do in AWS.
 */
public final class BearerKeyAuthorizer implements Authorizer {

  private final byte[] key;
  private final String owner;
  private final Predicate<APIGatewayV2HTTPEvent> open;

  public BearerKeyAuthorizer(String key, String owner, Predicate<APIGatewayV2HTTPEvent> open) {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("API key must not be blank");
    }
    this.key = key.getBytes(StandardCharsets.UTF_8);
    this.owner = owner;
    this.open = open;
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
    // constant-time, so response times do not leak how much of a guess was right
    return MessageDigest.isEqual(given, key) ? Optional.of(Map.of("sub", owner)) : Optional.empty();
  }
}
