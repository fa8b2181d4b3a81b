package dev.mljobs.handlers.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.group.GroupConflictException;
import dev.mljobs.core.group.GroupPage;
import dev.mljobs.core.group.GroupService;
import dev.mljobs.core.group.JobGroup;
import dev.mljobs.core.job.JobQuery;
import dev.mljobs.core.job.PageCursor;
import dev.mljobs.core.model.ModelCatalog;
import dev.mljobs.core.storage.OwnerSpaces;
import dev.mljobs.core.template.TemplateService;
import dev.mljobs.core.webhook.CallbackUrlPolicy;
import dev.mljobs.handlers.Services;
import dev.mljobs.handlers.Wiring;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The group routes of the API. */
public final class GroupsApi {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The fields of a reorder request. */
  static final java.util.Set<String> REORDER_FIELDS = java.util.Set.of("job_ids");

  private final GroupService service;
  private final ModelCatalog models;
  private final OwnerSpaces spaces;
  private final CallbackUrlPolicy callbackUrls;
  private final TemplateService templates;

  /**
   * @param templates what resolves a member naming {@code template_id}
   */
  public GroupsApi(
      GroupService service,
      ModelCatalog models,
      OwnerSpaces spaces,
      CallbackUrlPolicy callbackUrls,
      TemplateService templates) {
    this.service = service;
    this.models = models;
    this.spaces = spaces;
    this.callbackUrls = callbackUrls;
    this.templates = templates;
  }

  static GroupsApi from(Wiring wiring) {
    Services services = new Services(wiring);
    return new GroupsApi(
        services.groupService(),
        services.modelCatalog(),
        wiring.ownerSpaces(),
        wiring.callbackUrlPolicy(),
        services.templateService());
  }

  APIGatewayV2HTTPResponse create(ApiRequest request) {
    String owner = request.owner(); // who asks comes first: an anonymous request gets 401
    JobGroup group =
        service.create(
            GroupRequestParser.parse(
                request.jsonBody(),
                owner,
                request.header("x-amzn-trace-id"),
                new GroupRequestParser.Checks(spaces, models, callbackUrls, templates)));
    return ApiResponses.json(
        201, GroupJson.group(group), Map.of("Location", "/v1/groups/" + group.groupId()));
  }

  APIGatewayV2HTTPResponse get(ApiRequest request, String id) {
    return ApiResponses.json(
        200, GroupJson.group(found(service.find(request.owner(), groupId(id)), id)));
  }

  APIGatewayV2HTTPResponse cancel(ApiRequest request, String id) {
    return ApiResponses.json(
        200, GroupJson.group(found(service.cancel(request.owner(), groupId(id)), id)));
  }

  APIGatewayV2HTTPResponse reorder(ApiRequest request, String id) {
    String owner = request.owner();
    String groupId = groupId(id);
    JsonNode body = request.jsonBody();
    if (!body.isObject()) {
      throw Problem.badRequest("the body must be a JSON object");
    }
    List<Problem.FieldError> errors = new ArrayList<>();
    body.fieldNames()
        .forEachRemaining(
            f -> {
              if (!REORDER_FIELDS.contains(f)) {
                errors.add(new Problem.FieldError(f, "is not a field of a reorder request"));
              }
            });
    JsonNode ids = body.get("job_ids");
    List<UUID> order = new ArrayList<>();
    if (ids == null || !ids.isArray()) {
      errors.add(new Problem.FieldError("job_ids", "is required: an array of job ids"));
    } else {
      for (int i = 0; i < ids.size(); i++) {
        try {
          order.add(UUID.fromString(ids.get(i).asText()));
        } catch (IllegalArgumentException e) {
          errors.add(new Problem.FieldError("job_ids[" + i + "]", "must be a job id"));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw Problem.invalid(errors);
    }
    try {
      return ApiResponses.json(
          200, GroupJson.group(found(service.reorder(owner, groupId, order), id)));
    } catch (GroupConflictException e) {
      throw Problem.conflict(e.getMessage());
    }
  }

  APIGatewayV2HTTPResponse list(ApiRequest request) {
    int limit = limit(request.query("limit"));
    PageCursor cursor = null;
    if (request.query("cursor") != null) {
      try {
        cursor = PageCursor.decode(request.query("cursor"));
      } catch (IllegalArgumentException e) {
        throw Problem.invalid("cursor", "is not a cursor returned by this API");
      }
    }
    GroupPage page = service.list(request.owner(), limit, cursor);
    ArrayNode groups = JSON.createArrayNode();
    page.groups().forEach(g -> groups.add(GroupJson.summary(g)));
    ObjectNode body = JSON.createObjectNode();
    body.set("groups", groups);
    body.put("next_cursor", page.next() == null ? null : page.next().encode());
    return ApiResponses.json(200, body);
  }

  private static JobGroup found(java.util.Optional<JobGroup> group, String id) {
    return group.orElseThrow(() -> Problem.notFound("group " + id + " not found"));
  }

  /** Group ids are UUIDs: anything else names no group. */
  private static String groupId(String text) {
    try {
      return UUID.fromString(text).toString().equals(text.toLowerCase(java.util.Locale.ROOT))
          ? text.toLowerCase(java.util.Locale.ROOT)
          : failNotFound(text);
    } catch (IllegalArgumentException e) {
      return failNotFound(text);
    }
  }

  private static String failNotFound(String text) {
    throw Problem.notFound("group " + text + " not found");
  }

  private static int limit(String text) {
    if (text == null) {
      return JobQuery.DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(text);
      if (limit >= 1 && limit <= JobQuery.MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw Problem.invalid("limit", "must be an integer from 1 to " + JobQuery.MAX_LIMIT);
  }
}
