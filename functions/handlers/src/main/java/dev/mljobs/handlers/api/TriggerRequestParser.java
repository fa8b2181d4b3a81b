package dev.mljobs.handlers.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mljobs.core.trigger.TriggerDraft;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reads {@code POST /v1/triggers} and {@code PATCH /v1/triggers/{id}} bodies strictly: unknown
 * fields and wrong types are reported with the field and the reason, all at once. Whether the
 * prefix and the template are acceptable is decided by {@link dev.mljobs.core.trigger
 * .TriggerService}.
 */
final class TriggerRequestParser {

  /** The fields of a trigger request; {@code docs/openapi.yaml} documents exactly these. */
  static final Set<String> FIELDS =
      Set.of(
          "name",
          "template_id",
          "prefix",
          "suffixes",
          "input",
          "batch_window_seconds",
          "batch_max_items",
          "enabled");

  private static final int MAX_SUFFIXES = 20;

  private final List<Problem.FieldError> errors = new ArrayList<>();
  private final JsonNode body;

  private TriggerRequestParser(JsonNode body) {
    if (!body.isObject()) {
      throw Problem.badRequest("the body must be a JSON object");
    }
    this.body = body;
    body.fieldNames()
        .forEachRemaining(
            n -> {
              if (!FIELDS.contains(n)) {
                errors.add(new Problem.FieldError(n, "is not a field of a trigger"));
              }
            });
    JsonNode input = body.get("input");
    if (input != null && !input.isNull() && !"item".equals(input.asText())) {
      errors.add(
          new Problem.FieldError(
              "input", "must be \"item\": batch triggers are not available yet"));
    }
    for (String batchField : List.of("batch_window_seconds", "batch_max_items")) {
      if (body.hasNonNull(batchField)) {
        errors.add(new Problem.FieldError(batchField, "applies to batch triggers only"));
      }
    }
  }

  /**
   * @throws Problem (400) listing every wrong field
   */
  static TriggerDraft parseNew(JsonNode body) {
    TriggerRequestParser p = new TriggerRequestParser(body);
    String name = p.text("name", true, 200);
    String templateId = p.text("template_id", true, 128);
    String prefix = p.prefix();
    List<String> suffixes = p.suffixes();
    boolean enabled = p.bool("enabled", true);
    p.done();
    return new TriggerDraft(name, templateId, prefix, suffixes, enabled);
  }

  /**
   * The change a PATCH body asks for: each field it names replaces the trigger's.
   *
   * @throws Problem (400) listing every wrong field
   */
  static UnaryOperator<TriggerDraft> parseEdit(JsonNode body) {
    TriggerRequestParser p = new TriggerRequestParser(body);
    String name = p.text("name", false, 200);
    String templateId = p.text("template_id", false, 128);
    String prefix = p.prefix();
    List<String> suffixes = p.suffixes();
    p.done();
    return d ->
        new TriggerDraft(
            name == null ? d.name() : name,
            templateId == null ? d.templateId() : templateId,
            body.has("prefix") ? prefix : d.prefix(),
            body.has("suffixes") ? suffixes : d.suffixes(),
            p.bool("enabled", d.enabled()));
  }

  /** Only the enabled flag changes. */
  static UnaryOperator<TriggerDraft> enabled(boolean enabled) {
    return d -> new TriggerDraft(d.name(), d.templateId(), d.prefix(), d.suffixes(), enabled);
  }

  private void done() {
    if (!errors.isEmpty()) {
      throw Problem.invalid(List.copyOf(errors));
    }
  }

  private String prefix() {
    JsonNode v = body.get("prefix");
    if (v == null || v.isNull()) {
      return "";
    }
    if (!v.isTextual()) {
      errors.add(new Problem.FieldError("prefix", "must be a string"));
      return "";
    }
    return v.asText();
  }

  private List<String> suffixes() {
    JsonNode v = body.get("suffixes");
    if (v == null || v.isNull()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    if (!v.isArray() || v.size() > MAX_SUFFIXES) {
      errors.add(
          new Problem.FieldError(
              "suffixes", "must be a list of at most " + MAX_SUFFIXES + " strings"));
      return out;
    }
    for (JsonNode s : v) {
      if (!s.isTextual()) {
        errors.add(new Problem.FieldError("suffixes", "must be a list of strings"));
        return List.of();
      }
      out.add(s.asText());
    }
    return out;
  }

  private boolean bool(String field, boolean current) {
    JsonNode v = body.get(field);
    if (v == null) {
      return current;
    }
    if (!v.isBoolean()) {
      errors.add(new Problem.FieldError(field, "must be true or false"));
      return current;
    }
    return v.asBoolean();
  }

  private String text(String field, boolean required, int maxLength) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        errors.add(new Problem.FieldError(field, "is required"));
      }
      return null;
    }
    if (!v.isTextual() || v.asText().isBlank() || v.asText().length() > maxLength) {
      errors.add(
          new Problem.FieldError(field, "must be a non-empty string of at most " + maxLength));
      return null;
    }
    return v.asText();
  }
}
