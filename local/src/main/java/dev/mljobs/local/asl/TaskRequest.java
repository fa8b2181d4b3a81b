package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One attempt of a Task state, as the {@link TaskHandler} sees it.
 *
 * @param resource the state's Resource ARN
 * @param input the effective input: the state input after InputPath and Parameters (a copy the
 *     handler may change)
 * @param stateName the Task state's name
 * @param state the state's definition, for integration-specific fields
 * @param executionArn the execution this task belongs to
 * @param retryCount how many retries of this state came before this attempt
 * @param taskToken the token for {@code .waitForTaskToken} resources, else null
 */
public record TaskRequest(
    String resource,
    JsonNode input,
    String stateName,
    ObjectNode state,
    String executionArn,
    int retryCount,
    String taskToken) {
  public TaskRequest {
    if (resource == null || input == null || stateName == null || state == null) {
      throw new IllegalArgumentException("resource, input, stateName and state are required");
    }
    if (executionArn == null || retryCount < 0) {
      throw new IllegalArgumentException("executionArn required and retryCount >= 0");
    }
  }
}
