package dev.mljobs.local.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Map;
import java.util.Optional;

/**
 * Stands in for the API's authorizer. In AWS a JWT authorizer validates the caller and passes its
 * claims to the handler in {@code requestContext.authorizer.jwt.claims}; locally this does the same
 * from a bearer key, so the handler reads the caller's identity the same way in both places.
 */
@FunctionalInterface
public interface Authorizer {

  /**
   * Decides whether the request may reach the handler.
   *
   * @return the claims to hand to the handler (with at least {@code sub}), or empty to answer 401
   */
  Optional<Map<String, String>> authorize(APIGatewayV2HTTPEvent request);

  /** Lets every request through with no claims. */
  static Authorizer none() {
    return request -> Optional.of(Map.of());
  }
}
