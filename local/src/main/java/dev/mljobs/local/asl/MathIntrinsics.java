package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Arithmetic and random intrinsics. */
final class MathIntrinsics {
  private MathIntrinsics() {}

  /** The sum of two integers; fractional arguments are rounded first, as AWS documents. */
  static JsonNode add(IntrinsicArgs args) {
    try {
      return LongNode.valueOf(Math.addExact(args.integer(0), args.integer(1)));
    } catch (ArithmeticException e) {
      throw args.failure("the sum overflows");
    }
  }

  /** A random integer from start (inclusive) to end (exclusive), repeatable with a seed. */
  static JsonNode random(IntrinsicArgs args) {
    long start = args.integer(0);
    long end = args.integer(1);
    if (end <= start) {
      throw args.failure("the end must be greater than the start");
    }
    Random random = args.size() == 3 ? new Random(args.integer(2)) : ThreadLocalRandom.current();
    return LongNode.valueOf(random.longs(1, start, end).findFirst().orElseThrow());
  }

  static JsonNode uuid(IntrinsicArgs args) {
    return TextNode.valueOf(UUID.randomUUID().toString());
  }
}
