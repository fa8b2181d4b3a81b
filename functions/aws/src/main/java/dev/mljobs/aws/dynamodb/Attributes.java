package dev.mljobs.aws.dynamodb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reading and writing item attributes. Absent values are left out of an item rather than stored as
 * NULL, so that sparse indexes and {@code attribute_exists} behave.
 */
final class Attributes {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, AttributeValue> item;

  private Attributes(Map<String, AttributeValue> item) {
    this.item = item;
  }

  static Attributes writer() {
    return new Attributes(new HashMap<>());
  }

  static Attributes reader(Map<String, AttributeValue> item) {
    return new Attributes(item);
  }

  Map<String, AttributeValue> item() {
    return item;
  }

  Attributes s(String name, Object value) {
    if (value != null) {
      item.put(name, AttributeValue.fromS(value.toString()));
    }
    return this;
  }

  Attributes n(String name, Number value) {
    if (value != null) {
      item.put(name, AttributeValue.fromN(value.toString()));
    }
    return this;
  }

  Attributes json(String name, JsonNode value) {
    if (value != null) {
      try {
        item.put(name, AttributeValue.fromS(JSON.writeValueAsString(value)));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot write " + name + " as JSON", e);
      }
    }
    return this;
  }

  String s(String name) {
    AttributeValue v = item.get(name);
    return v == null ? null : v.s();
  }

  Instant instant(String name) {
    String v = s(name);
    return v == null ? null : Instant.parse(v);
  }

  Integer integer(String name) {
    AttributeValue v = item.get(name);
    return v == null ? null : Integer.valueOf(v.n());
  }

  long number(String name) {
    return Long.parseLong(item.get(name).n());
  }

  JsonNode json(String name) {
    String v = s(name);
    try {
      return v == null ? null : JSON.readTree(v);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored " + name + " is not JSON", e);
    }
  }

  ObjectNode object(String name) {
    return (ObjectNode) json(name);
  }
}
