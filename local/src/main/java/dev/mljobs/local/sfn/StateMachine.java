package dev.mljobs.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Set;

/**
 * A created state machine, as DescribeStateMachine shows it and as it is stored.
 *
 * @param definition the ASL text exactly as given (AWS returns it unchanged)
 * @param type STANDARD or EXPRESS
 * @param seq creation order, for listing and paging
 */
record StateMachine(
    String arn,
    String name,
    String definition,
    String roleArn,
    String type,
    Instant creationDate,
    long seq) {
  static final Set<String> TYPES = Set.of("STANDARD", "EXPRESS");

  StateMachine {
    if (arn == null || name == null || definition == null || roleArn == null) {
      throw new IllegalArgumentException("arn, name, definition and roleArn are required");
    }
    if (!arn.equals(Arns.stateMachine(name))) {
      throw new IllegalArgumentException("the ARN " + arn + " does not name " + name);
    }
    if (!TYPES.contains(type) || creationDate == null || seq < 0) {
      throw new IllegalArgumentException("a type of " + TYPES + ", a creation date and seq >= 0");
    }
  }

  StateMachine withDefinition(String newDefinition) {
    return new StateMachine(arn, name, newDefinition, roleArn, type, creationDate, seq);
  }

  StateMachine withRoleArn(String newRoleArn) {
    return new StateMachine(arn, name, definition, newRoleArn, type, creationDate, seq);
  }

  ObjectNode toJson() {
    ObjectNode json = ApiJson.object();
    json.put("stateMachineArn", arn);
    json.put("name", name);
    json.put("definition", definition);
    json.put("roleArn", roleArn);
    json.put("type", type);
    json.put("creationDate", ApiJson.seconds(creationDate));
    json.put("seq", seq);
    return json;
  }

  /**
   * Reads what {@link #toJson()} wrote.
   *
   * @throws IllegalArgumentException when a field is missing or wrong
   */
  static StateMachine fromJson(JsonNode json) {
    return new StateMachine(
        json.path("stateMachineArn").textValue(),
        json.path("name").textValue(),
        json.path("definition").textValue(),
        json.path("roleArn").textValue(),
        json.path("type").textValue(),
        ApiJson.instant(json.path("creationDate")),
        json.path("seq").asLong(-1));
  }
}
