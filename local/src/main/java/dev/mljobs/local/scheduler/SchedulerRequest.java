package dev.mljobs.local.scheduler;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One HTTP request to the Scheduler API: its method, path segments, query and JSON body. */
final class SchedulerRequest {

  private final HttpExchange exchange;
  private final Map<String, String> query;

  SchedulerRequest(HttpExchange exchange) {
    this.exchange = exchange;
    this.query = parseQuery(exchange.getRequestURI().getRawQuery());
  }

  String method() {
    return exchange.getRequestMethod();
  }

  String rawPath() {
    return exchange.getRequestURI().getRawPath();
  }

  /** The decoded path segments, e.g. {@code [schedules, my-schedule]}. */
  List<String> path() {
    return Arrays.stream(exchange.getRequestURI().getPath().split("/"))
        .filter(segment -> !segment.isEmpty())
        .toList();
  }

  /** A query parameter, or null when absent. */
  String query(String name) {
    return query.get(name);
  }

  /**
   * The {@code MaxResults} query parameter, or null when absent.
   *
   * @throws SchedulerException a ValidationException if it is not a number
   */
  Integer maxResults() {
    String value = query("MaxResults");
    try {
      return value == null ? null : Integer.valueOf(value);
    } catch (NumberFormatException e) {
      throw SchedulerException.constraint(value, "maxResults", "Member must be a number");
    }
  }

  /**
   * The filters of {@code ListSchedules}.
   *
   * @throws SchedulerException a ValidationException for a bad state, prefix or size
   */
  ScheduleQuery scheduleQuery() {
    return new ScheduleQuery(
        query("NamePrefix"),
        state(query("State")),
        query("ScheduleGroup"),
        maxResults(),
        query("NextToken"));
  }

  /**
   * The body of a create or update.
   *
   * @throws IOException if it is not the JSON of a {@link ScheduleRequest}
   */
  ScheduleRequest body() throws IOException {
    byte[] bytes = exchange.getRequestBody().readAllBytes();
    return SchedulerJson.MAPPER.readValue(
        bytes.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : bytes, ScheduleRequest.class);
  }

  private static ScheduleState state(String value) {
    if (value == null) {
      return null;
    }
    try {
      return ScheduleState.valueOf(value);
    } catch (IllegalArgumentException e) {
      throw SchedulerException.constraint(
          value,
          "state",
          "Member must satisfy enum value set: " + Arrays.toString(ScheduleState.values()));
    }
  }

  private static Map<String, String> parseQuery(String rawQuery) {
    Map<String, String> parameters = new HashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return parameters;
    }
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      parameters.put(decode(name), decode(value));
    }
    return parameters;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
