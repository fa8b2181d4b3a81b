package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/**
 * What StartExecution gives: which machine, the execution's name and its input.
 *
 * @param stateMachineArn {@code arn:aws:states:REGION:ACCOUNT:stateMachine:NAME}
 * @param name unique per machine, 1 to 80 characters without whitespace
 * @param input the execution input (JSON null is a NullNode)
 * @param roleArn the role the execution runs as; only shown in the Context Object and history
 */
public record ExecutionRequest(
    String stateMachineArn, String name, JsonNode input, String roleArn) {
  /** The machine ARN used when none is given. */
  public static final String LOCAL_MACHINE_ARN =
      "arn:aws:states:us-east-1:123456789012:stateMachine:local";

  /** The role ARN used when none is given. */
  public static final String LOCAL_ROLE_ARN = "arn:aws:iam::123456789012:role/local-states";

  public ExecutionRequest {
    if (stateMachineArn == null
        || !stateMachineArn.matches("arn:[^:]+:states:[^:]*:[^:]*:stateMachine:.+")) {
      throw new IllegalArgumentException("not a state machine ARN: " + stateMachineArn);
    }
    if (name == null || name.isEmpty() || name.length() > 80 || !name.matches("\\S+")) {
      throw new IllegalArgumentException("an execution name has 1 to 80 non-blank characters");
    }
    if (input == null || roleArn == null) {
      throw new IllegalArgumentException("input and roleArn are required");
    }
  }

  /** A request with a random name on the local machine ARN. */
  public static ExecutionRequest of(JsonNode input) {
    return new ExecutionRequest(
        LOCAL_MACHINE_ARN, UUID.randomUUID().toString(), input, LOCAL_ROLE_ARN);
  }

  public ExecutionRequest withName(String newName) {
    return new ExecutionRequest(stateMachineArn, newName, input, roleArn);
  }

  public ExecutionRequest withStateMachineArn(String arn) {
    return new ExecutionRequest(arn, name, input, roleArn);
  }

  /** {@code arn:aws:states:REGION:ACCOUNT:execution:MACHINE:NAME}, as AWS builds it. */
  public String executionArn() {
    return stateMachineArn.replaceFirst(":stateMachine:", ":execution:") + ":" + name;
  }

  public String stateMachineName() {
    return stateMachineArn.substring(stateMachineArn.indexOf(":stateMachine:") + 14);
  }

  String region() {
    return stateMachineArn.split(":")[3];
  }
}
