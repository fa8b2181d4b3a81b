package dev.mljobs.handlers.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.job.Job;
import dev.mljobs.core.template.JobDefaults;
import dev.mljobs.core.template.TemplateDraft;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reads {@code POST /v1/templates} and {@code PATCH /v1/templates/{id}} bodies strictly: unknown
 * fields, wrong types and out-of-range values are each reported with the field and the reason, all
 * at once. What the job the template makes must satisfy is checked afterwards, by the same checks
 * as a submitted job ({@link dev.mljobs.core.template.JobChecks}).
 */
final class TemplateRequestParser {

  /** The fields of a template request; {@code docs/openapi.yaml} documents exactly these. */
  static final Set<String> FIELDS =
      Set.of(
          "name",
          "job_type",
          "default_params",
          "description",
          "priority",
          "max_attempts",
          "timeout_seconds",
          "ttl_hours");

  /** What a PATCH may change: everything but the job type. */
  static final Set<String> EDITABLE =
      Set.of(
          "name",
          "description",
          "default_params",
          "priority",
          "max_attempts",
          "timeout_seconds",
          "ttl_hours");

  private final List<Problem.FieldError> errors = new ArrayList<>();
  private final JsonNode body;

  private TemplateRequestParser(JsonNode body) {
    if (!body.isObject()) {
      throw Problem.badRequest("the body must be a JSON object");
    }
    this.body = body;
  }

  /**
   * @throws Problem (400) listing every wrong field
   */
  static TemplateDraft parseNew(JsonNode body) {
    TemplateRequestParser parser = new TemplateRequestParser(body);
    parser.unknown(FIELDS, "is not a field of a template");
    String name = parser.text("name", true, 200);
    String jobType = parser.text("job_type", true, 64);
    ObjectNode params = parser.object("default_params");
    String description = parser.text("description", false, 2000);
    JobDefaults defaults = parser.defaults(JobDefaults.NONE);
    parser.done();
    return new TemplateDraft(name, jobType, params, description, defaults);
  }

  /**
   * The change a PATCH body asks for: each field it names replaces the template's (an explicit
   * {@code null} clears an optional one; {@code default_params} is replaced whole).
   *
   * @throws Problem (400) listing every wrong field
   */
  static UnaryOperator<TemplateDraft> parseEdit(JsonNode body) {
    TemplateRequestParser p = new TemplateRequestParser(body);
    if (body.has("job_type")) {
      p.errors.add(
          new Problem.FieldError(
              "job_type", "cannot be changed; create a new template for another job type"));
    }
    body.fieldNames()
        .forEachRemaining(
            n -> {
              if (!FIELDS.contains(n)) {
                p.errors.add(new Problem.FieldError(n, "is not a field of a template"));
              }
            });
    boolean hasName = body.has("name");
    String name = p.text("name", hasName, 200);
    boolean hasDescription = body.has("description");
    String description = p.text("description", false, 2000);
    boolean hasParams = body.has("default_params");
    ObjectNode params = p.object("default_params");
    p.defaults(JobDefaults.NONE);
    p.done();
    return draft ->
        new TemplateDraft(
            hasName ? name : draft.name(),
            draft.jobType(),
            hasParams ? params : draft.defaultParams(),
            hasDescription ? description : draft.description(),
            p.defaults(draft.defaults()));
  }

  /** The job options the body names, each replacing its counterpart in {@code current}. */
  private JobDefaults defaults(JobDefaults current) {
    return new JobDefaults(
        integer("priority", current.priority(), 0, 10),
        integer("max_attempts", current.maxAttempts(), 1, 10),
        integer("timeout_seconds", current.timeoutSeconds(), 1, Job.MAX_TIMEOUT_SECONDS),
        integer("ttl_hours", current.ttlHours(), 1, 168));
  }

  private void unknown(Set<String> fields, String reason) {
    body.fieldNames()
        .forEachRemaining(
            n -> {
              if (!fields.contains(n)) {
                errors.add(new Problem.FieldError(n, reason));
              }
            });
  }

  private void done() {
    if (!errors.isEmpty()) {
      throw Problem.invalid(List.copyOf(errors));
    }
  }

  private ObjectNode object(String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isObject()) {
      errors.add(new Problem.FieldError(field, "must be an object"));
      return null;
    }
    return (ObjectNode) v;
  }

  private String text(String field, boolean required, int maxLength) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        errors.add(new Problem.FieldError(field, "is required"));
      }
      return null;
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      errors.add(new Problem.FieldError(field, "must be a non-empty string"));
      return null;
    }
    if (v.asText().length() > maxLength) {
      errors.add(new Problem.FieldError(field, "must be at most " + maxLength + " characters"));
      return null;
    }
    return v.asText();
  }

  /** The field's integer; {@code current} when it is absent, {@code null} when it is null. */
  private Integer integer(String field, Integer current, int min, int max) {
    JsonNode v = body.get(field);
    if (v == null) {
      return current;
    }
    if (v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      errors.add(new Problem.FieldError(field, "must be an integer from " + min + " to " + max));
      return current;
    }
    if (v.asInt() < min || v.asInt() > max) {
      errors.add(
          new Problem.FieldError(
              field, "must be from " + min + " to " + max + ", got " + v.asInt()));
      return current;
    }
    return v.asInt();
  }
}
