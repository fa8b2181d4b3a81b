package dev.mljobs.handlers.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.schedule.ScheduleDraft;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reads a schedule body strictly: unknown fields and wrong types are each reported with the field
 * and the reason, all at once. What the values mean (the expression, the zone, the window) is
 * checked by the core, which names the field it refuses.
 */
final class ScheduleRequestParser {

  /** The fields of a schedule request; {@code docs/openapi.yaml} documents exactly these. */
  static final Set<String> FIELDS =
      Set.of(
          "name",
          "template_id",
          "expression",
          "timezone",
          "enabled",
          "param_overrides",
          "start_at",
          "end_at",
          "description",
          "overlap_policy",
          "catchup_policy",
          "catchup_max");

  private final List<Problem.FieldError> errors = new ArrayList<>();
  private final JsonNode body;

  private ScheduleRequestParser(JsonNode body) {
    if (!body.isObject()) {
      throw Problem.badRequest("the body must be a JSON object");
    }
    this.body = body;
    body.fieldNames()
        .forEachRemaining(
            f -> {
              if (!FIELDS.contains(f)) {
                errors.add(new Problem.FieldError(f, "is not a field of a schedule"));
              }
            });
  }

  /** The body of {@code POST /v1/schedules}. */
  static ScheduleDraft create(JsonNode body) {
    ScheduleRequestParser p = new ScheduleRequestParser(body);
    ScheduleDraft draft =
        new ScheduleDraft(
            p.text("name", true),
            p.text("template_id", true),
            p.text("expression", true),
            p.text("timezone", false),
            p.bool("enabled"),
            p.object("param_overrides"),
            p.time("start_at"),
            p.time("end_at"),
            p.text("description", false),
            p.text("overlap_policy", false),
            p.text("catchup_policy", false),
            p.integer("catchup_max"));
    p.done();
    return draft;
  }

  /** The body of {@code PATCH}: the fields it names replace the schedule's; null clears. */
  static UnaryOperator<ScheduleDraft> patch(JsonNode body) {
    ScheduleRequestParser p = new ScheduleRequestParser(body);
    String name = p.text("name", false);
    String templateId = p.text("template_id", false);
    String expression = p.text("expression", false);
    String timezone = p.text("timezone", false);
    Boolean enabled = p.bool("enabled");
    ObjectNode overrides = p.object("param_overrides");
    Instant startAt = p.time("start_at");
    Instant endAt = p.time("end_at");
    String description = p.text("description", false);
    String overlap = p.text("overlap_policy", false);
    String catchup = p.text("catchup_policy", false);
    Integer catchupMax = p.integer("catchup_max");
    for (String required : List.of("name", "template_id", "expression", "enabled")) {
      if (body.has(required) && body.get(required).isNull()) {
        p.errors.add(new Problem.FieldError(required, "cannot be removed"));
      }
    }
    p.done();
    return d ->
        new ScheduleDraft(
            body.has("name") ? name : d.name(),
            body.has("template_id") ? templateId : d.templateId(),
            body.has("expression") ? expression : d.expression(),
            body.has("timezone") ? timezone : d.timezone(),
            body.has("enabled") ? enabled : d.enabled(),
            body.has("param_overrides") ? overrides : d.paramOverrides(),
            body.has("start_at") ? startAt : d.startAt(),
            body.has("end_at") ? endAt : d.endAt(),
            body.has("description") ? description : d.description(),
            body.has("overlap_policy") ? overlap : d.overlapPolicy(),
            body.has("catchup_policy") ? catchup : d.catchupPolicy(),
            body.has("catchup_max") ? catchupMax : d.catchupMax());
  }

  private void done() {
    if (!errors.isEmpty()) {
      throw Problem.invalid(errors);
    }
  }

  private String text(String field, boolean required) {
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
    return v.asText();
  }

  private Integer integer(String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      errors.add(new Problem.FieldError(field, "must be an integer"));
      return null;
    }
    return v.asInt();
  }

  private Boolean bool(String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isBoolean()) {
      errors.add(new Problem.FieldError(field, "must be true or false"));
      return null;
    }
    return v.asBoolean();
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

  private Instant time(String field) {
    String text = text(field, false);
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      errors.add(
          new Problem.FieldError(
              field, "must be an ISO-8601 date-time with an offset, e.g. 2027-01-15T09:00:00Z"));
      return null;
    }
  }
}
