package dev.mljobs.local.sfn.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB's typed JSON ({@code {"S": "x"}}, {@code {"N": "1"}}, ...), as Step Functions passes it
 * in the Parameters of its DynamoDB tasks and returns it in their results.
 */
final class DynamoJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private DynamoJson() {}

  static Map<String, AttributeValue> item(JsonNode object, String field) {
    if (object == null || object.isNull()) {
      return null;
    }
    if (!object.isObject()) {
      throw new IllegalArgumentException(field + " must be an object of typed attribute values");
    }
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    object
        .properties()
        .forEach(e -> item.put(e.getKey(), value(e.getValue(), field + "." + e.getKey())));
    return item;
  }

  static AttributeValue value(JsonNode typed, String field) {
    if (typed == null || !typed.isObject() || typed.size() != 1) {
      throw new IllegalArgumentException(
          field + " must be a typed value such as {\"S\": \"text\"}");
    }
    Map.Entry<String, JsonNode> e = typed.properties().iterator().next();
    JsonNode v = e.getValue();
    return switch (e.getKey()) {
      case "S" -> AttributeValue.fromS(v.asText());
      case "N" -> AttributeValue.fromN(v.asText());
      case "B" ->
          AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(v.asText())));
      case "BOOL" -> AttributeValue.fromBool(v.asBoolean());
      case "NULL" -> AttributeValue.fromNul(true);
      case "M" -> AttributeValue.fromM(item(v, field));
      case "L" -> {
        List<AttributeValue> list = new ArrayList<>();
        v.forEach(x -> list.add(value(x, field + "[]")));
        yield AttributeValue.fromL(list);
      }
      case "SS" -> AttributeValue.fromSs(texts(v));
      case "NS" -> AttributeValue.fromNs(texts(v));
      case "BS" ->
          AttributeValue.fromBs(
              texts(v).stream()
                  .map(b -> SdkBytes.fromByteArray(Base64.getDecoder().decode(b)))
                  .toList());
      default -> throw new IllegalArgumentException(field + " has unknown type " + e.getKey());
    };
  }

  static ObjectNode json(Map<String, AttributeValue> item) {
    ObjectNode out = NODES.objectNode();
    item.forEach((k, v) -> out.set(k, json(v)));
    return out;
  }

  static ObjectNode json(AttributeValue v) {
    ObjectNode out = NODES.objectNode();
    switch (v.type()) {
      case S -> out.put("S", v.s());
      case N -> out.put("N", v.n());
      case B -> out.put("B", Base64.getEncoder().encodeToString(v.b().asByteArray()));
      case BOOL -> out.put("BOOL", v.bool());
      case NUL -> out.put("NULL", true);
      case M -> out.set("M", json(v.m()));
      case L -> {
        ArrayNode list = out.putArray("L");
        v.l().forEach(x -> list.add(json(x)));
      }
      case SS -> v.ss().forEach(out.putArray("SS")::add);
      case NS -> v.ns().forEach(out.putArray("NS")::add);
      case BS -> {
        ArrayNode list = out.putArray("BS");
        v.bs().forEach(b -> list.add(Base64.getEncoder().encodeToString(b.asByteArray())));
      }
      default -> throw new IllegalStateException("unsupported attribute type " + v.type());
    }
    return out;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(x -> out.add(x.asText()));
    return out;
  }
}
