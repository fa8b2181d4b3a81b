package dev.mljobs.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** JSON rules shared by the domain. */
public final class Json {

  private Json() {}

  /**
   * Deep-merges {@code overrides} into a copy of {@code base}: nested objects merge key by key,
   * anything else (arrays included) in {@code overrides} replaces the base value, and an explicit
   * JSON {@code null} removes the key.
   */
  public static ObjectNode merge(ObjectNode base, ObjectNode overrides) {
    ObjectNode merged = base.deepCopy();
    for (Map.Entry<String, JsonNode> field : overrides.properties()) {
      JsonNode current = merged.get(field.getKey());
      JsonNode override = field.getValue();
      if (override.isNull()) {
        merged.remove(field.getKey());
      } else if (current instanceof ObjectNode currentObject && override instanceof ObjectNode o) {
        merged.set(field.getKey(), merge(currentObject, o));
      } else {
        merged.set(field.getKey(), override.deepCopy());
      }
    }
    return merged;
  }
}
