package dev.mljobs.local.scheduler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The Scheduler API over HTTP, restJson1 as the AWS SDK speaks it: routes each request to {@link
 * SchedulerService} or {@link ScheduleGroupService} and answers errors with the {@code
 * x-amzn-ErrorType} header and a {@code {"Message": ...}} body, from which the SDK raises the
 * matching exception class.
 */
final class SchedulerHttpHandler implements HttpHandler {

  private static final System.Logger LOG = System.getLogger(SchedulerHttpHandler.class.getName());

  private final SchedulerService schedules;
  private final ScheduleGroupService groups;

  SchedulerHttpHandler(SchedulerService schedules, ScheduleGroupService groups) {
    this.schedules = schedules;
    this.groups = groups;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
      try {
        respond(exchange, 200, route(new SchedulerRequest(exchange)));
      } catch (SchedulerException e) {
        error(exchange, e);
      } catch (JsonProcessingException e) {
        error(exchange, invalidBody(e));
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "scheduler request failed", e);
        exchange.getResponseHeaders().set("x-amzn-ErrorType", "InternalServerException");
        respond(exchange, 500, Map.of("Message", "Unexpected error encountered."));
      }
    }
  }

  private Object route(SchedulerRequest request) throws IOException {
    String method = request.method();
    List<String> path = request.path();
    String resource = path.isEmpty() ? "" : path.get(0);
    if (resource.equals("schedules") && path.size() == 1 && method.equals("GET")) {
      Page<ScheduleSummary> page = schedules.listSchedules(request.scheduleQuery());
      return page(page, "Schedules");
    }
    if (resource.equals("schedules") && path.size() == 2) {
      String name = path.get(1);
      return switch (method) {
        case "POST" -> Map.of("ScheduleArn", schedules.createSchedule(name, request.body()));
        case "PUT" -> Map.of("ScheduleArn", schedules.updateSchedule(name, request.body()));
        case "GET" -> schedules.getSchedule(name, request.query("groupName"));
        case "DELETE" -> {
          schedules.deleteSchedule(name, request.query("groupName"));
          yield Map.of();
        }
        default -> throw unknownOperation(request);
      };
    }
    if (resource.equals("schedule-groups") && path.size() == 1 && method.equals("GET")) {
      return page(
          groups.listScheduleGroups(
              request.query("NamePrefix"), request.maxResults(), request.query("NextToken")),
          "ScheduleGroups");
    }
    if (resource.equals("schedule-groups") && path.size() == 2) {
      String name = path.get(1);
      return switch (method) {
        case "POST" -> Map.of("ScheduleGroupArn", groups.createScheduleGroup(name));
        case "GET" -> groups.getScheduleGroup(name);
        case "DELETE" -> {
          groups.deleteScheduleGroup(name);
          yield Map.of();
        }
        default -> throw unknownOperation(request);
      };
    }
    throw unknownOperation(request);
  }

  private static Map<String, Object> page(Page<?> page, String itemsName) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(itemsName, page.items());
    page.nextToken().ifPresent(token -> body.put("NextToken", token));
    return body;
  }

  private static SchedulerException unknownOperation(SchedulerRequest request) {
    return SchedulerException.validation(
        "The emulator has no operation " + request.method() + " " + request.rawPath());
  }

  // Jackson wraps what a record's constructor throws; the record's own message is the answer.
  private static SchedulerException invalidBody(JsonProcessingException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SchedulerException schedulerException) {
        return schedulerException;
      }
    }
    if (e instanceof InvalidFormatException format && format.getTargetType().isEnum()) {
      return SchedulerException.constraint(
          format.getValue(),
          format.getPath().stream()
              .map(JsonMappingException.Reference::getFieldName)
              .map(name -> Character.toLowerCase(name.charAt(0)) + name.substring(1))
              .collect(Collectors.joining(".")),
          "Member must satisfy enum value set: "
              + Arrays.toString(format.getTargetType().getEnumConstants()));
    }
    return SchedulerException.validation("Invalid request body: " + e.getOriginalMessage());
  }

  private static void error(HttpExchange exchange, SchedulerException e) throws IOException {
    exchange.getResponseHeaders().set("x-amzn-ErrorType", e.errorType());
    respond(exchange, e.httpStatus(), Map.of("Message", e.getMessage()));
  }

  private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = SchedulerJson.MAPPER.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
