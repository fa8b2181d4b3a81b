package dev.mljobs.core.storage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mljobs.core.model.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The fields of a request that name S3 locations of its owner, declared once per request kind: a
 * job type or a model registration lists its fields here (e.g. {@code "input_uri"}, {@code
 * "input_data.image_uris[]"} for every element of a list) and both the API and the worker check
 * them against the owner's {@link OwnerSpace}. A new job kind only declares its fields.
 */
public final class UriFields {

  private final List<String> paths;

  private UriFields(List<String> paths) {
    this.paths = List.copyOf(paths);
  }

  /**
   * @param paths dot-separated field names; a name ending in {@code []} is a list of URIs
   */
  public static UriFields of(String... paths) {
    return new UriFields(List.of(paths));
  }

  /** The declared paths. */
  public List<String> paths() {
    return paths;
  }

  /**
   * Every declared field of {@code node} that holds a string outside {@code space}, named {@code
   * fieldPrefix} + its path (with the index of a list element). Absent fields and values that are
   * not strings are left to the request's own checks.
   */
  public List<FieldError> check(JsonNode node, OwnerSpace space, String fieldPrefix) {
    List<FieldError> errors = new ArrayList<>();
    forEach(
        node,
        fieldPrefix,
        (field, uri) ->
            space.problem(uri).ifPresent(reason -> errors.add(new FieldError(field, reason))));
    return errors;
  }

  /** Calls {@code action} with the field name and value of every URI string present. */
  public void forEach(JsonNode node, String fieldPrefix, BiConsumer<String, String> action) {
    for (String path : paths) {
      boolean list = path.endsWith("[]");
      String[] names = (list ? path.substring(0, path.length() - 2) : path).split("\\.");
      JsonNode value = node;
      for (String name : names) {
        value = value == null ? null : value.get(name);
      }
      String field = fieldPrefix + (list ? path.substring(0, path.length() - 2) : path);
      if (value == null) {
        continue;
      }
      if (!list && value.isTextual()) {
        action.accept(field, value.asText());
      } else if (list && value.isArray()) {
        for (int i = 0; i < value.size(); i++) {
          if (value.get(i).isTextual()) {
            action.accept(field + "[" + i + "]", value.get(i).asText());
          }
        }
      }
    }
  }
}
