package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/** The intrinsic functions of ASL's JSONPath mode, by name, with how many arguments each takes. */
final class IntrinsicFunctions {
  /** One function's body. */
  @FunctionalInterface
  interface Body {
    /**
     * @throws StatesError States.IntrinsicFailure for an argument it cannot use
     */
    JsonNode apply(IntrinsicArgs args);
  }

  /** How many arguments a function takes, and what it does with them. */
  record Signature(int min, int max, Body function) {
    Signature {
      if (min < 0 || max < min) {
        throw new IllegalArgumentException("bad arity " + min + ".." + max);
      }
    }

    void checkArity(String name, int count) {
      if (count < min || count > max) {
        String expected = min == max ? String.valueOf(min) : min + " to " + max;
        throw new IllegalArgumentException(
            name + " takes " + expected + " arguments, not " + count);
      }
    }
  }

  private static final int MANY = Integer.MAX_VALUE;

  private static final Map<String, Signature> FUNCTIONS =
      Map.ofEntries(
          Map.entry("States.Format", new Signature(1, MANY, FormatTemplate::format)),
          Map.entry("States.StringToJson", new Signature(1, 1, JsonIntrinsics::stringToJson)),
          Map.entry("States.JsonToString", new Signature(1, 1, JsonIntrinsics::jsonToString)),
          Map.entry("States.JsonMerge", new Signature(3, 3, JsonIntrinsics::jsonMerge)),
          Map.entry("States.Array", new Signature(0, MANY, ArrayIntrinsics::array)),
          Map.entry("States.ArrayPartition", new Signature(2, 2, ArrayIntrinsics::partition)),
          Map.entry("States.ArrayContains", new Signature(2, 2, ArrayIntrinsics::contains)),
          Map.entry("States.ArrayRange", new Signature(3, 3, ArrayIntrinsics::range)),
          Map.entry("States.ArrayGetItem", new Signature(2, 2, ArrayIntrinsics::getItem)),
          Map.entry("States.ArrayLength", new Signature(1, 1, ArrayIntrinsics::length)),
          Map.entry("States.ArrayUnique", new Signature(1, 1, ArrayIntrinsics::unique)),
          Map.entry("States.Base64Encode", new Signature(1, 1, TextIntrinsics::base64Encode)),
          Map.entry("States.Base64Decode", new Signature(1, 1, TextIntrinsics::base64Decode)),
          Map.entry("States.Hash", new Signature(2, 2, TextIntrinsics::hash)),
          Map.entry("States.StringSplit", new Signature(2, 2, TextIntrinsics::split)),
          Map.entry("States.MathRandom", new Signature(2, 3, MathIntrinsics::random)),
          Map.entry("States.MathAdd", new Signature(2, 2, MathIntrinsics::add)),
          Map.entry("States.UUID", new Signature(0, 0, MathIntrinsics::uuid)));

  private IntrinsicFunctions() {}

  static Optional<Signature> lookup(String name) {
    return Optional.ofNullable(FUNCTIONS.get(name));
  }
}
