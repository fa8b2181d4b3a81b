package dev.mljobs.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * The JSON body of one API call, with AWS's validation of its members: a wrong member is named in
 * the error, as AWS names it.
 *
 * @param body the request's top-level object
 */
record Request(ObjectNode body) {
  /** AWS's page size when maxResults is absent or 0. */
  static final int DEFAULT_PAGE = 100;

  private static final int MAX_PAGE = 1000;

  Request {
    if (body == null) {
      throw new IllegalArgumentException("a request has a body");
    }
  }

  /**
   * A required string member.
   *
   * @throws ApiException ValidationException when it is absent or empty
   */
  String string(String member) {
    return optionalString(member)
        .filter(value -> !value.isEmpty())
        .orElseThrow(() -> violation(member, "null", "Member must not be null"));
  }

  /**
   * An optional string member.
   *
   * @throws ApiException SerializationException when it is not a string
   */
  Optional<String> optionalString(String member) {
    JsonNode value = body.get(member);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw serialization(member, "a string");
    }
    return Optional.of(value.asText());
  }

  /**
   * An optional string member of at most {@code maxLength} characters.
   *
   * @throws ApiException ValidationException when it is longer
   */
  Optional<String> optionalString(String member, int maxLength) {
    Optional<String> value = optionalString(member);
    if (value.isPresent() && value.get().length() > maxLength) {
      throw violation(
          member, "(too long)", "Member must have length less than or equal to " + maxLength);
    }
    return value;
  }

  /**
   * An optional boolean member.
   *
   * @throws ApiException SerializationException when it is not a boolean
   */
  boolean flag(String member, boolean absent) {
    JsonNode value = body.get(member);
    if (value == null || value.isNull()) {
      return absent;
    }
    if (!value.isBoolean()) {
      throw serialization(member, "a boolean");
    }
    return value.asBoolean();
  }

  /**
   * The page size: {@code maxResults}, 0 to 1000, where 0 or absence means {@link #DEFAULT_PAGE}.
   *
   * @throws ApiException ValidationException when out of range
   */
  int pageSize() {
    JsonNode value = body.get("maxResults");
    if (value == null || value.isNull()) {
      return DEFAULT_PAGE;
    }
    if (!value.canConvertToExactIntegral() || !value.canConvertToInt()) {
      throw serialization("maxResults", "an integer");
    }
    int size = value.asInt();
    if (size < 0 || size > MAX_PAGE) {
      throw violation(
          "maxResults", Integer.toString(size), "Member must be between 0 and " + MAX_PAGE);
    }
    return size == 0 ? DEFAULT_PAGE : size;
  }

  /** The message AWS gives for a constraint, naming the member. */
  static ApiException violation(String member, String value, String constraint) {
    return ApiException.validation(
        "1 validation error detected: Value '"
            + value
            + "' at '"
            + member
            + "' failed to satisfy constraint: "
            + constraint);
  }

  private static ApiException serialization(String member, String expected) {
    return new ApiException("SerializationException", member + " must be " + expected);
  }
}
