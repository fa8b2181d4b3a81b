package dev.mljobs.local.asl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * A checked, ready-to-run Amazon States Language definition (JSONPath mode). Loading checks the
 * whole definition once, so that a mistake is reported when the machine is created, not when an
 * execution first reaches the state.
 */
public final class StateMachineDefinition {
  private static final Set<String> TOP_FIELDS =
      Set.of("StartAt", "States", "Comment", "Version", "TimeoutSeconds", "QueryLanguage");

  private final JsonNode json;
  private final StateGraph graph;
  private final Duration timeout;

  private StateMachineDefinition(JsonNode json, StateGraph graph, Duration timeout) {
    this.json = json;
    this.graph = graph;
    this.timeout = timeout;
  }

  /**
   * Parses and checks a definition.
   *
   * @throws InvalidDefinitionException naming the state and field that are wrong
   */
  public static StateMachineDefinition parse(String json) {
    try {
      return of(Json.read(json));
    } catch (JsonProcessingException e) {
      throw new InvalidDefinitionException(null, null, "not JSON: " + e.getOriginalMessage());
    }
  }

  /**
   * Checks a definition already read as JSON.
   *
   * @throws InvalidDefinitionException naming the state and field that are wrong
   */
  public static StateMachineDefinition of(JsonNode json) {
    FieldReader top = new FieldReader(null, json);
    top.allowOnly(TOP_FIELDS, "a state machine");
    String language = top.optionalString("QueryLanguage");
    if (language != null && !language.equals("JSONPath")) {
      throw top.invalid("QueryLanguage", "only JSONPath is supported, not " + language);
    }
    String version = top.optionalString("Version");
    if (version != null && !version.equals("1.0")) {
      throw top.invalid("Version", "only 1.0 exists");
    }
    int seconds = top.integer("TimeoutSeconds", 1, 0);
    StateGraph graph = new GraphParser().parse(json, null, null);
    return new StateMachineDefinition(
        json.deepCopy(), graph, seconds == 0 ? null : Duration.ofSeconds(seconds));
  }

  /** The definition as given. */
  public JsonNode json() {
    return json.deepCopy();
  }

  /** The execution-level TimeoutSeconds, if the definition sets one. */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  StateGraph graph() {
    return graph;
  }
}
