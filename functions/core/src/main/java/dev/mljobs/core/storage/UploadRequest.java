package dev.mljobs.core.storage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mljobs.core.model.FieldError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A {@code POST /v1/uploads} body: {@code filename} (may hold {@code /}, e.g. {@code docs/a.txt}),
 * {@code content_type} and {@code size_bytes}, read strictly with every wrong field reported.
 */
public record UploadRequest(String filename, String contentType, long sizeBytes) {

  /** The fields of an upload request; {@code docs/openapi.yaml} documents exactly these. */
  public static final Set<String> FIELDS = Set.of("filename", "content_type", "size_bytes");

  /** A media type as RFC 9110 writes it: {@code type/subtype} with optional parameters. */
  private static final Pattern MEDIA_TYPE =
      Pattern.compile(
          "[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+(\\s*;\\s*[A-Za-z0-9!#$&^_.+-]+=[^;\\p{Cntrl}]+)*");

  public static final int MAX_CONTENT_TYPE_LENGTH = 255;

  /**
   * Reads the request.
   *
   * @param maxBytes the largest upload allowed
   * @param maxFilenameBytes the most UTF-8 bytes a file name may have here (what the owner's key
   *     prefix leaves of S3's 1,024)
   * @throws InvalidRequestException listing every wrong field
   */
  public static UploadRequest parse(JsonNode body, long maxBytes, int maxFilenameBytes) {
    List<FieldError> errors = new ArrayList<>();
    if (body == null || !body.isObject()) {
      throw new InvalidRequestException(List.of(new FieldError("body", "must be a JSON object")));
    }
    body.fieldNames()
        .forEachRemaining(
            name -> {
              if (!FIELDS.contains(name)) {
                errors.add(new FieldError(name, "is not a field of an upload request"));
              }
            });
    String filename = text(body, "filename", errors);
    if (filename != null) {
      String problem = filenameProblem(filename, maxFilenameBytes);
      if (problem != null) {
        errors.add(new FieldError("filename", problem));
      }
    }
    String contentType = text(body, "content_type", errors);
    if (contentType != null
        && (contentType.length() > MAX_CONTENT_TYPE_LENGTH
            || !MEDIA_TYPE.matcher(contentType).matches())) {
      errors.add(
          new FieldError(
              "content_type",
              "must be a media type such as image/png, at most "
                  + MAX_CONTENT_TYPE_LENGTH
                  + " characters"));
    }
    JsonNode size = body.get("size_bytes");
    long sizeBytes = 0;
    if (size == null || !size.isIntegralNumber() || !size.canConvertToLong() || size.asLong() < 1) {
      errors.add(new FieldError("size_bytes", "is required: the file's size, a positive integer"));
    } else if (size.asLong() > maxBytes) {
      errors.add(
          new FieldError("size_bytes", "must be at most " + maxBytes + " bytes, got " + size));
    } else {
      sizeBytes = size.asLong();
    }
    if (!errors.isEmpty()) {
      throw new InvalidRequestException(errors);
    }
    return new UploadRequest(filename, contentType, sizeBytes);
  }

  /**
   * Why {@code filename} cannot name an object inside the owner's upload area, or {@code null}: it
   * must be printable, at most {@code maxBytes} UTF-8 bytes, and a relative path with no empty,
   * {@code .} or {@code ..} segment that names an object (no trailing {@code /}).
   */
  static String filenameProblem(String filename, int maxBytes) {
    if (filename.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
      return "must be at most " + maxBytes + " bytes in UTF-8";
    }
    if (filename.endsWith("/")) {
      return "must name a file, not end with /";
    }
    for (int i = 0; i < filename.length(); i++) {
      char c = filename.charAt(i);
      if (Character.isISOControl(c) || c == '\\' || Character.getType(c) == Character.FORMAT) {
        return "must be printable, without control characters or \\";
      }
    }
    String problem = S3Location.keyProblem(filename);
    return problem == null ? null : problem.replace("the key", "the name");
  }

  private static String text(JsonNode body, String field, List<FieldError> errors) {
    JsonNode v = body.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      errors.add(new FieldError(field, "is required: a non-empty string"));
      return null;
    }
    return v.asText();
  }
}
