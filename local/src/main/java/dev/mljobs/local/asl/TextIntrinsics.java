package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import java.util.StringTokenizer;

/** String intrinsics: splitting, Base64 and hashing. */
final class TextIntrinsics {
  private static final Set<String> HASHES = Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");

  private TextIntrinsics() {}

  /** Splits on every character of the delimiter string; empty pieces are dropped. */
  static JsonNode split(IntrinsicArgs args) {
    StringTokenizer pieces = new StringTokenizer(args.text(0), args.text(1));
    ArrayNode out = Json.NODES.arrayNode();
    while (pieces.hasMoreTokens()) {
      out.add(pieces.nextToken());
    }
    return out;
  }

  static JsonNode base64Encode(IntrinsicArgs args) {
    byte[] bytes = args.text(0).getBytes(StandardCharsets.UTF_8);
    return TextNode.valueOf(Base64.getEncoder().encodeToString(bytes));
  }

  static JsonNode base64Decode(IntrinsicArgs args) {
    try {
      byte[] bytes = Base64.getDecoder().decode(args.text(0));
      return TextNode.valueOf(new String(bytes, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw args.failure("not Base64: " + e.getMessage());
    }
  }

  /** Hex digest of the UTF-8 bytes, with the algorithm names that ASL and the JDK share. */
  static JsonNode hash(IntrinsicArgs args) {
    String algorithm = args.text(1);
    if (!HASHES.contains(algorithm)) {
      throw args.failure("the algorithm must be one of " + HASHES + ", not " + algorithm);
    }
    try {
      byte[] digest =
          MessageDigest.getInstance(algorithm)
              .digest(args.text(0).getBytes(StandardCharsets.UTF_8));
      return TextNode.valueOf(HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides " + algorithm, e);
    }
  }
}
