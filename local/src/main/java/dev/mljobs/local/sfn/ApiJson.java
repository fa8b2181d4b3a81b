package dev.mljobs.local.sfn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** JSON as the service reads and writes it: on the wire and in its data directory. */
final class ApiJson {
  /** Rejects {@code {} x}: a document is one value, as AWS's parser sees it. */
  static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private ApiJson() {}

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** The one JSON value {@code text} holds, or empty when it is not exactly one JSON value. */
  static Optional<JsonNode> parse(String text) {
    try {
      JsonNode node = MAPPER.readTree(text);
      return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JsonNode tree always serializes", e);
    }
  }

  /**
   * A timestamp as awsJson1_0 sends it: epoch seconds with a fraction, to the millisecond (the
   * precision of history events, so that dates and events agree).
   */
  static BigDecimal seconds(Instant instant) {
    return BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3);
  }

  /** The inverse of {@link #seconds(Instant)}. */
  static Instant instant(JsonNode seconds) {
    if (seconds == null || !seconds.isNumber()) {
      throw new IllegalArgumentException("not a timestamp: " + seconds);
    }
    return Instant.ofEpochMilli(seconds.decimalValue().movePointRight(3).longValueExact());
  }

  /** Truncates to the precision that is shown and stored, so reloading changes nothing. */
  static Instant millis(Instant instant) {
    return Instant.ofEpochMilli(instant.toEpochMilli());
  }
}
