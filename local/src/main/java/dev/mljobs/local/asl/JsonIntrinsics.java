package dev.mljobs.local.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/** Intrinsics that turn JSON into text and back, and merge objects. */
final class JsonIntrinsics {
  private JsonIntrinsics() {}

  static JsonNode stringToJson(IntrinsicArgs args) {
    try {
      return Json.read(args.text(0));
    } catch (JsonProcessingException e) {
      throw args.failure("not JSON: " + e.getOriginalMessage());
    }
  }

  static JsonNode jsonToString(IntrinsicArgs args) {
    return TextNode.valueOf(Json.write(args.get(0)));
  }

  /** A shallow merge: the second object's fields win. AWS supports only the shallow mode. */
  static JsonNode jsonMerge(IntrinsicArgs args) {
    ObjectNode merged = args.object(0).deepCopy();
    ObjectNode second = args.object(1);
    if (args.bool(2)) {
      throw args.failure("deep merging is not supported; pass false");
    }
    merged.setAll(second);
    return merged;
  }
}
