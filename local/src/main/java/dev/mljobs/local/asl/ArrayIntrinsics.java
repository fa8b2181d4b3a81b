package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;

/** The States.Array* intrinsic functions. */
final class ArrayIntrinsics {
  /** States.ArrayRange may produce at most this many items. */
  private static final int MAX_RANGE = 1000;

  private ArrayIntrinsics() {}

  static JsonNode array(IntrinsicArgs args) {
    return Json.NODES.arrayNode().addAll(args.values());
  }

  static JsonNode partition(IntrinsicArgs args) {
    ArrayNode items = args.array(0);
    long size = args.integer(1);
    if (size <= 0) {
      throw args.failure("the chunk size must be positive, not " + size);
    }
    ArrayNode chunks = Json.NODES.arrayNode();
    for (int i = 0; i < items.size(); i++) {
      if (i % size == 0) {
        chunks.addArray();
      }
      ((ArrayNode) chunks.get(chunks.size() - 1)).add(items.get(i));
    }
    return chunks;
  }

  static JsonNode contains(IntrinsicArgs args) {
    return BooleanNode.valueOf(indexOf(args.array(0), args.get(1), args.array(0).size()) >= 0);
  }

  static JsonNode range(IntrinsicArgs args) {
    long start = args.integer(0);
    long end = args.integer(1);
    long step = args.integer(2);
    if (step == 0) {
      throw args.failure("the step must not be 0");
    }
    ArrayNode range = Json.NODES.arrayNode();
    for (long i = start; step > 0 ? i <= end : i >= end; i += step) {
      if (range.size() == MAX_RANGE) {
        throw args.failure("the range has more than " + MAX_RANGE + " items");
      }
      range.add(i);
    }
    return range;
  }

  static JsonNode getItem(IntrinsicArgs args) {
    ArrayNode items = args.array(0);
    long index = args.integer(1);
    if (index < 0 || index >= items.size()) {
      throw args.failure("index " + index + " is outside an array of " + items.size());
    }
    return items.get((int) index);
  }

  static JsonNode length(IntrinsicArgs args) {
    return IntNode.valueOf(args.array(0).size());
  }

  static JsonNode unique(IntrinsicArgs args) {
    ArrayNode items = args.array(0);
    ArrayNode unique = Json.NODES.arrayNode();
    for (int i = 0; i < items.size(); i++) {
      if (indexOf(items, items.get(i), i) < 0) {
        unique.add(items.get(i));
      }
    }
    return unique;
  }

  /** The first index below {@code limit} whose item equals {@code value}, or -1. */
  private static int indexOf(ArrayNode items, JsonNode value, int limit) {
    for (int i = 0; i < limit; i++) {
      if (Json.sameValue(items.get(i), value)) {
        return i;
      }
    }
    return -1;
  }
}
