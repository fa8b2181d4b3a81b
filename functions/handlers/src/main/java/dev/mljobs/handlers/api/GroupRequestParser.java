package dev.mljobs.handlers.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mljobs.core.group.GroupMode;
import dev.mljobs.core.group.JobGroup;
import dev.mljobs.core.group.NewGroup;
import dev.mljobs.core.job.NewJob;
import dev.mljobs.core.model.ModelCatalog;
import dev.mljobs.core.storage.InvalidRequestException;
import dev.mljobs.core.storage.OwnerSpaces;
import dev.mljobs.core.template.ArchivedTemplateException;
import dev.mljobs.core.template.TemplateService;
import dev.mljobs.core.webhook.CallbackUrlPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a {@code POST /v1/groups} body strictly. Each member is a {@code POST /v1/jobs} body, read
 * by {@link JobRequestParser} and checked as a job is (S3 URIs, model, callback URL), its errors
 * named {@code jobs[3].params.seconds}: every member is checked before anything is stored.
 */
final class GroupRequestParser {

  /** The fields of a group request; {@code docs/openapi.yaml} documents exactly these. */
  static final Set<String> FIELDS = Set.of("name", "mode", "stop_on_failure", "jobs");

  /** A member is stored by its group: these fields of a job request have no place in one. */
  static final Set<String> NOT_IN_MEMBER = Set.of("group_id", "idempotency_key");

  /** At most this many errors are listed: a thousand bad members need not make a huge answer. */
  private static final int MAX_ERRORS = 100;

  private GroupRequestParser() {}

  /** What a member is checked against besides its own fields, as {@code POST /v1/jobs} does. */
  record Checks(
      OwnerSpaces spaces,
      ModelCatalog models,
      CallbackUrlPolicy callbackUrls,
      TemplateService templates) {}

  static NewGroup parse(JsonNode body, String owner, String traceId, Checks checks) {
    if (!body.isObject()) {
      throw Problem.badRequest("the body must be a JSON object");
    }
    List<Problem.FieldError> errors = new ArrayList<>();
    body.fieldNames()
        .forEachRemaining(
            name -> {
              if (!FIELDS.contains(name)) {
                errors.add(new Problem.FieldError(name, "is not a field of a group request"));
              }
            });
    String name = null;
    JsonNode n = body.get("name");
    if (n != null && !n.isNull()) {
      if (!n.isTextual() || n.asText().isBlank() || n.asText().length() > 200) {
        errors.add(new Problem.FieldError("name", "must be a non-empty string of at most 200"));
      } else {
        name = n.asText();
      }
    }
    GroupMode mode = mode(body.get("mode"), errors);
    boolean stopOnFailure = false;
    JsonNode stop = body.get("stop_on_failure");
    if (stop != null && !stop.isNull()) {
      if (stop.isBoolean()) {
        stopOnFailure = stop.asBoolean();
      } else {
        errors.add(new Problem.FieldError("stop_on_failure", "must be true or false"));
      }
    }
    List<NewJob> jobs = members(body.get("jobs"), owner, traceId, checks, errors);
    if (!errors.isEmpty()) {
      throw Problem.invalid(errors.subList(0, Math.min(MAX_ERRORS, errors.size())));
    }
    return new NewGroup(name, mode, stopOnFailure, jobs, owner);
  }

  private static GroupMode mode(JsonNode mode, List<Problem.FieldError> errors) {
    if (mode != null && mode.isTextual()) {
      for (GroupMode m : GroupMode.values()) {
        if (m.wireName().equals(mode.asText())) {
          return m;
        }
      }
    }
    errors.add(new Problem.FieldError("mode", "is required: parallel or sequential"));
    return null;
  }

  private static List<NewJob> members(
      JsonNode jobs, String owner, String traceId, Checks checks, List<Problem.FieldError> errors) {
    List<NewJob> members = new ArrayList<>();
    if (jobs == null || !jobs.isArray() || jobs.isEmpty() || jobs.size() > JobGroup.MAX_JOBS) {
      errors.add(
          new Problem.FieldError(
              "jobs", "is required: an array of 1 to " + JobGroup.MAX_JOBS + " job requests"));
      return members;
    }
    for (int i = 0; i < jobs.size(); i++) {
      String prefix = "jobs[" + i + "].";
      JsonNode member = jobs.get(i);
      if (member.isObject()) {
        NOT_IN_MEMBER.stream()
            .filter(member::has)
            .sorted()
            .forEach(f -> errors.add(new Problem.FieldError(prefix + f, "is set by the group")));
      }
      try {
        NewJob job = JobRequestParser.parse(member, null, owner, traceId, checks.templates());
        JobRequestParser.checkUris(job, checks.spaces());
        JobRequestParser.checkModel(job, checks.models());
        JobRequestParser.checkCallbackUrl(job, checks.callbackUrls());
        members.add(job);
      } catch (Problem p) {
        if (p.errors().isEmpty()) {
          errors.add(new Problem.FieldError("jobs[" + i + "]", "must be a job request object"));
        }
        p.errors()
            .forEach(e -> errors.add(new Problem.FieldError(prefix + e.field(), e.message())));
      } catch (ArchivedTemplateException e) {
        errors.add(new Problem.FieldError(prefix + "template_id", e.getMessage()));
      } catch (InvalidRequestException e) {
        e.errors()
            .forEach(f -> errors.add(new Problem.FieldError(prefix + f.field(), f.message())));
      }
    }
    return members;
  }
}
