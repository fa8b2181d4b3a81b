package dev.mljobs.handlers.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.ListCursor;
import dev.mljobs.core.template.JobTemplate;
import dev.mljobs.core.template.TemplatePage;
import dev.mljobs.core.template.TemplateQuery;
import dev.mljobs.core.template.TemplateService;
import dev.mljobs.core.template.TemplateStatus;
import java.util.Map;

/**
 * The template routes of the API: create, get, list, edit ({@code If-Match} on the version) and
 * archive. Errors of the core (unknown or archived template, stale version, a template that would
 * make a refused job) are mapped once, in {@link ApiHandler}.
 */
public final class TemplatesApi {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final TemplateService service;

  public TemplatesApi(TemplateService service) {
    this.service = service;
  }

  APIGatewayV2HTTPResponse create(ApiRequest request) {
    String owner = request.owner();
    JobTemplate created = service.create(owner, TemplateRequestParser.parseNew(request.jsonBody()));
    return answer(201, created, Map.of("Location", "/v1/templates/" + created.templateId()));
  }

  APIGatewayV2HTTPResponse get(ApiRequest request, String id) {
    return answer(200, find(request.owner(), id), Map.of());
  }

  APIGatewayV2HTTPResponse list(ApiRequest request) {
    TemplateQuery query =
        TemplateQuery.byOwner(request.owner())
            .withLimit(
                Listing.limit(
                    request.query("limit"), TemplateQuery.DEFAULT_LIMIT, TemplateQuery.MAX_LIMIT));
    String status = request.query("status");
    if (status != null) {
      try {
        query = query.withStatus(TemplateStatus.fromWire(status));
      } catch (IllegalArgumentException e) {
        throw Problem.invalid("status", "must be one of active, archived");
      }
    }
    ListCursor cursor = Listing.cursor(request.query("cursor"));
    TemplatePage page = service.list(cursor == null ? query : query.after(cursor));
    ArrayNode templates = JSON.createArrayNode();
    page.templates().forEach(t -> templates.add(TemplateJson.template(t)));
    ObjectNode body = JSON.createObjectNode();
    body.set("templates", templates);
    body.put("next_cursor", page.next() == null ? null : page.next().encode());
    return ApiResponses.json(200, body);
  }

  APIGatewayV2HTTPResponse edit(ApiRequest request, String id) {
    String owner = request.owner();
    Long expected = ifMatch(request.header("if-match"));
    var change = TemplateRequestParser.parseEdit(request.jsonBody());
    try {
      return answer(200, service.edit(owner, id, expected, change), Map.of());
    } catch (dev.mljobs.core.template.ArchivedTemplateException e) {
      throw Problem.conflict("template " + id + " is archived; an archived template is not edited");
    }
  }

  APIGatewayV2HTTPResponse archive(ApiRequest request, String id) {
    return answer(200, service.archive(request.owner(), id), Map.of());
  }

  private JobTemplate find(String owner, String id) {
    return service
        .find(owner, id)
        .orElseThrow(() -> Problem.notFound("template " + id + " not found"));
  }

  /** The template with its version as the ETag, for the next {@code If-Match}. */
  private static APIGatewayV2HTTPResponse answer(
      int status, JobTemplate template, Map<String, String> headers) {
    Map<String, String> all = new java.util.HashMap<>(headers);
    all.put("ETag", "\"" + template.version() + "\"");
    return ApiResponses.json(status, TemplateJson.template(template), all);
  }

  /**
   * The version an {@code If-Match} header names: {@code 3} or the ETag {@code "3"}; {@code null}
   * without the header.
   */
  static Long ifMatch(String header) {
    if (header == null) {
      return null;
    }
    String value = header.trim();
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      value = value.substring(1, value.length() - 1);
    }
    if (!value.matches("[0-9]{1,18}")) {
      throw Problem.invalid("If-Match", "must be the template's version, e.g. \"3\"");
    }
    return Long.parseLong(value);
  }
}
