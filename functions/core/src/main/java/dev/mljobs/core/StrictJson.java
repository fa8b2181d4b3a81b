package dev.mljobs.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The one reader of JSON that a client wrote (API bodies, uploaded job files): exactly one value,
 * nested at most {@value #MAX_DEPTH} deep, no field twice in an object, and well-formed UTF-8 with
 * no lone surrogate, neither raw nor as a {@code \}{@code uD800} escape. Anything else is refused
 * rather than repaired, so that two different inputs can never be read as the same value (an
 * idempotency key with a replaced character would collide with another).
 *
 * <p>Jackson does the parsing and the depth, duplicate and trailing-content checks; only the UTF-8
 * and surrogate checks are ours, because Jackson replaces or passes through what it cannot decode.
 */
public final class StrictJson {

  /** How deep objects and arrays may nest: far more than any request needs. */
  public static final int MAX_DEPTH = 64;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private StrictJson() {}

  /**
   * Reads one JSON value from bytes that must be UTF-8.
   *
   * @throws InvalidJsonException saying what is wrong (and where, when the parser knows)
   */
  public static JsonNode read(byte[] utf8) {
    requireUtf8(utf8);
    JsonNode node;
    try {
      node = MAPPER.readTree(utf8);
    } catch (IOException e) {
      throw new InvalidJsonException(reason(e));
    }
    if (node == null || node.isMissingNode()) {
      throw new InvalidJsonException("holds no JSON value");
    }
    requireWellFormedStrings(node);
    return node;
  }

  /**
   * Reads one JSON value from text, which must hold no lone surrogate.
   *
   * @throws InvalidJsonException saying what is wrong
   */
  public static JsonNode read(String text) {
    return read(utf8(text));
  }

  /**
   * The UTF-8 bytes of {@code text}, refused rather than replaced when it holds a lone surrogate.
   *
   * @throws InvalidJsonException when {@code text} is not well-formed UTF-16
   */
  public static byte[] utf8(String text) {
    try {
      ByteBuffer bytes =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(text));
      byte[] out = new byte[bytes.remaining()];
      bytes.get(out);
      return out;
    } catch (CharacterCodingException e) {
      throw new InvalidJsonException("holds a lone surrogate (not valid Unicode)");
    }
  }

  /** Whether {@code text} is well-formed UTF-16: every surrogate is half of a pair. */
  public static boolean isWellFormed(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private static void requireUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
    } catch (CharacterCodingException e) {
      throw new InvalidJsonException("is not valid UTF-8");
    }
  }

  /** Depth is bounded by the parser, so this recursion is too. */
  private static void requireWellFormedStrings(JsonNode node) {
    if (node.isTextual() && !isWellFormed(node.textValue())) {
      throw new InvalidJsonException("holds a string with a lone surrogate (not valid Unicode)");
    }
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        if (!isWellFormed(field.getKey())) {
          throw new InvalidJsonException(
              "holds a field name with a lone surrogate (not valid Unicode)");
        }
        requireWellFormedStrings(field.getValue());
      }
    } else if (node.isArray()) {
      node.forEach(StrictJson::requireWellFormedStrings);
    }
  }

  /** Our own words: the parser's message may quote the input at length. */
  private static String reason(IOException e) {
    String what;
    if (e instanceof StreamConstraintsException) {
      what =
          e.getMessage().contains("nesting depth")
              ? "nests deeper than " + MAX_DEPTH + " levels"
              : "holds a number, string or name longer than the JSON reader allows";
    } else if (e instanceof JsonParseException && e.getMessage().startsWith("Duplicate field")) {
      what = "has a field twice in one object";
    } else if (e instanceof MismatchedInputException && e.getMessage().contains("Trailing token")) {
      what = "has content after the JSON value";
    } else {
      what = "is not valid JSON";
    }
    // the location is null for some failures (a broken limit has no position)
    JsonLocation at = e instanceof JsonProcessingException p ? p.getLocation() : null;
    return at == null || at.getLineNr() < 1
        ? what
        : what + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
  }
}
