package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters, ItemSelector and ResultSelector: a JSON template in which a field whose name ends in
 * {@code .$} takes its value from a path or an intrinsic function, at any depth (also inside
 * arrays).
 */
final class PayloadTemplate {
  private PayloadTemplate() {}

  /**
   * @throws IllegalArgumentException naming the field whose {@code .$} value is not usable
   */
  static Expression compile(JsonNode template) {
    if (template instanceof ObjectNode object) {
      return object(object);
    }
    if (template instanceof ArrayNode array) {
      List<Expression> items = new ArrayList<>();
      array.forEach(item -> items.add(compile(item)));
      return (input, context) -> {
        ArrayNode out = Json.NODES.arrayNode();
        items.forEach(item -> out.add(item.evaluate(input, context)));
        return out;
      };
    }
    return new Constant(template);
  }

  private static Expression object(ObjectNode template) {
    Map<String, Expression> fields = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : template.properties()) {
      String name = field.getKey();
      if (name.endsWith(".$")) {
        fields.put(name.substring(0, name.length() - 2), dynamic(name, field.getValue()));
      } else {
        fields.put(name, compile(field.getValue()));
      }
    }
    return (input, context) -> {
      ObjectNode out = Json.object();
      fields.forEach((name, value) -> out.set(name, value.evaluate(input, context)));
      return out;
    };
  }

  private static Expression dynamic(String name, JsonNode value) {
    if (!value.isTextual()) {
      throw new IllegalArgumentException("'" + name + "' must be a string path or function");
    }
    try {
      return Expression.parse(value.textValue());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + name + "': " + e.getMessage(), e);
    }
  }
}
