package dev.mljobs.handlers.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.KeyLimits;
import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.JobParams;
import dev.mljobs.core.job.NewJob;
import dev.mljobs.core.model.ModelCatalog;
import dev.mljobs.core.storage.OwnerSpaces;
import dev.mljobs.core.template.JobDefaults;
import dev.mljobs.core.template.TemplateNotFoundException;
import dev.mljobs.core.template.TemplateService;
import dev.mljobs.core.webhook.CallbackUrlPolicy;
import dev.mljobs.core.webhook.RefusedCallbackUrlException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a {@code POST /v1/jobs} body strictly: unknown fields, wrong types and out-of-range values
 * are each reported with the field and the reason, all at once, so one round trip fixes them all.
 */
public final class JobRequestParser {

  /** The fields of a job request; {@code docs/openapi.yaml} documents exactly these. */
  static final Set<String> FIELDS =
      Set.of(
          "job_type",
          "params",
          "priority",
          "ttl_hours",
          "timeout_seconds",
          "max_attempts",
          "idempotency_key",
          "template_id",
          "group_id",
          "callback_url");

  /** The header that may carry the idempotency key instead of the body. */
  static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

  private final List<Problem.FieldError> errors = new ArrayList<>();
  private final JsonNode body;

  private JobRequestParser(JsonNode body) {
    this.body = body;
  }

  /**
   * @param headerKey the {@code Idempotency-Key} header, or {@code null}
   * @throws Problem (400) listing every wrong field
   */
  public static NewJob parse(JsonNode body, String headerKey, String owner, String traceId) {
    return parse(body, headerKey, owner, traceId, null);
  }

  /**
   * Like {@link #parse(JsonNode, String, String, String)}, and a request naming {@code template_id}
   * is resolved by {@code templates} (its params are overrides of the template's defaults, checked
   * once merged), or refused when {@code templates} is {@code null}.
   *
   * @throws Problem (400) listing every wrong field
   * @throws dev.mljobs.core.template.ArchivedTemplateException when the template is archived
   * @throws dev.mljobs.core.storage.InvalidRequestException when the resolved job is refused
   */
  public static NewJob parse(
      JsonNode body, String headerKey, String owner, String traceId, TemplateService templates) {
    if (!body.isObject()) {
      throw Problem.badRequest("the body must be a JSON object");
    }
    return new JobRequestParser(body).read(headerKey, owner, traceId, templates);
  }

  /**
   * Checks a parsed job's webhook address against the policy (no internal addresses, https in AWS),
   * for every way a job is submitted.
   *
   * @throws Problem (400) naming {@code callback_url} and the reason
   */
  public static void checkCallbackUrl(NewJob job, CallbackUrlPolicy policy) {
    if (job.callbackUrl() != null) {
      try {
        policy.check(job.callbackUrl());
      } catch (RefusedCallbackUrlException e) {
        throw Problem.invalid("callback_url", e.reason());
      }
    }
  }

  /**
   * Checks the model a parsed job names: built in or registered by its owner, for its task.
   *
   * @throws Problem (400) naming {@code params.model_id} or {@code params.task_type}
   */
  public static void checkModel(NewJob job, ModelCatalog models) {
    List<Problem.FieldError> errors =
        models.checkJob(job.owner(), job.params()).stream()
            .map(e -> new Problem.FieldError(e.field(), e.message()))
            .toList();
    if (!errors.isEmpty()) {
      throw Problem.invalid(errors);
    }
  }

  /**
   * Checks that every S3 URI the job's params name lies in its owner's space. The answer depends on
   * the URIs alone: whether an object exists there is never looked up.
   *
   * @throws Problem (400) naming each field outside
   */
  public static void checkUris(NewJob job, OwnerSpaces spaces) {
    List<Problem.FieldError> errors =
        JobParams.checkUris(job.jobType(), job.params(), spaces.of(job.owner())).stream()
            .map(e -> new Problem.FieldError(e.field(), e.message()))
            .toList();
    if (!errors.isEmpty()) {
      throw Problem.invalid(errors);
    }
  }

  private NewJob read(String headerKey, String owner, String traceId, TemplateService templates) {
    body.fieldNames()
        .forEachRemaining(
            name -> {
              if (!FIELDS.contains(name)) {
                errors.add(new Problem.FieldError(name, "is not a field of a job request"));
              }
            });
    boolean fromTemplate = body.hasNonNull("template_id");
    String jobType = text("job_type", !fromTemplate, 64);
    ObjectNode params = null;
    JsonNode p = body.get("params");
    if (p != null && !p.isNull()) {
      if (p.isObject()) {
        params = (ObjectNode) p;
      } else {
        errors.add(new Problem.FieldError("params", "must be an object"));
      }
    }
    int priority = integer("priority", Job.DEFAULT_PRIORITY, 0, 10);
    int ttlHours = integer("ttl_hours", Job.DEFAULT_TTL_HOURS, 1, 168);
    int maxAttempts = integer("max_attempts", Job.DEFAULT_MAX_ATTEMPTS, 1, 10);
    Integer timeout =
        body.has("timeout_seconds") && !body.get("timeout_seconds").isNull()
            ? integer("timeout_seconds", 0, 1, Job.MAX_TIMEOUT_SECONDS)
            : null;
    String key = text("idempotency_key", false, KeyLimits.IDEMPOTENCY_KEY_BYTES);
    if (headerKey != null) {
      headerKey = headerKey(headerKey);
    }
    if (headerKey != null && key != null && !headerKey.equals(key)) {
      errors.add(
          new Problem.FieldError("idempotency_key", "differs from the Idempotency-Key header"));
    }
    String templateId = text("template_id", false, 128);
    String groupId = text("group_id", false, 128);
    String callbackUrl = text("callback_url", false, 2048);
    if (callbackUrl != null) {
      try {
        Job.requireCallbackUrl(callbackUrl);
      } catch (IllegalArgumentException e) {
        errors.add(new Problem.FieldError("callback_url", "must be an absolute http or https URL"));
      }
    }
    if (jobType != null && !fromTemplate) {
      JobParams.check(jobType, params)
          .forEach(e -> errors.add(new Problem.FieldError(e.field(), e.message())));
    }
    if (!errors.isEmpty()) {
      throw Problem.invalid(errors);
    }
    if (fromTemplate) {
      NewJob resolved = resolve(templates, owner, templateId, jobType, params);
      return new NewJob(
          resolved.jobType(),
          resolved.params(),
          resolved.priority(),
          resolved.maxAttempts(),
          resolved.timeoutSeconds(),
          resolved.ttlHours(),
          key != null ? key : headerKey,
          templateId,
          null,
          groupId,
          owner,
          traceId,
          callbackUrl);
    }
    try {
      return new NewJob(
          jobType,
          params,
          priority,
          maxAttempts,
          timeout,
          ttlHours,
          key != null ? key : headerKey,
          templateId,
          null,
          groupId,
          owner,
          traceId,
          callbackUrl);
    } catch (IllegalArgumentException e) {
      String message = e.getMessage();
      int space = message.indexOf(' ');
      throw Problem.invalid(
          space > 0 ? message.substring(0, space) : "body", message.substring(space + 1));
    }
  }

  /**
   * The job the owner's template makes with this request's params and the options it names (those
   * it leaves out are the template's); {@code job_type}, when given, must be the template's.
   */
  private NewJob resolve(
      TemplateService templates, String owner, String templateId, String jobType, ObjectNode p) {
    if (templates == null) {
      throw Problem.invalid(
          "template_id", "is not accepted here; submit jobs of a template with POST /v1/jobs");
    }
    JobDefaults options =
        new JobDefaults(
            given("priority"), given("max_attempts"), given("timeout_seconds"), given("ttl_hours"));
    NewJob resolved;
    try {
      resolved = templates.resolve(owner, templateId, p, options);
    } catch (TemplateNotFoundException e) {
      throw Problem.invalid(
          "template_id",
          "you have no template '" + templateId + "' (GET /v1/templates lists them)");
    }
    if (jobType != null && !jobType.equals(resolved.jobType())) {
      throw Problem.invalid(
          "job_type", "must be left out or be the template's job_type, " + resolved.jobType());
    }
    return resolved;
  }

  /** An option the request names (already checked), or {@code null} when it leaves it out. */
  private Integer given(String field) {
    return body.hasNonNull(field) ? body.get(field).asInt() : null;
  }

  /** Text of at most {@code maxBytes} in UTF-8: ids and keys are bounded as their stores are. */
  private String text(String field, boolean required, int maxBytes) {
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
    if (!KeyLimits.fits(v.asText(), maxBytes)) {
      errors.add(
          new Problem.FieldError(
              field,
              "must be at most "
                  + maxBytes
                  + " bytes (UTF-8), got "
                  + KeyLimits.utf8Length(v.asText())));
      return null;
    }
    return v.asText();
  }

  /** The {@code Idempotency-Key} header, bounded as the field is; {@code null} when wrong. */
  private String headerKey(String value) {
    if (value.isBlank()) {
      errors.add(new Problem.FieldError(IDEMPOTENCY_HEADER, "must not be empty"));
      return null;
    }
    if (!KeyLimits.fits(value, KeyLimits.IDEMPOTENCY_KEY_BYTES)) {
      errors.add(
          new Problem.FieldError(
              IDEMPOTENCY_HEADER,
              "must be at most "
                  + KeyLimits.IDEMPOTENCY_KEY_BYTES
                  + " bytes (UTF-8), got "
                  + KeyLimits.utf8Length(value)));
      return null;
    }
    return value;
  }

  private int integer(String field, int fallback, int min, int max) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      errors.add(new Problem.FieldError(field, "must be an integer from " + min + " to " + max));
      return fallback;
    }
    if (v.asInt() < min || v.asInt() > max) {
      errors.add(
          new Problem.FieldError(
              field, "must be from " + min + " to " + max + ", got " + v.asInt()));
      return fallback;
    }
    return v.asInt();
  }
}
