package dev.mljobs.local.sfn.tasks;

import java.util.List;
import java.util.Map;

/**
 * What an AWS Batch job definition says about the container, as the local runtime runs it: the
 * command (a local process instead of a container image) and its environment.
 *
 * @param command the process to run; {@code Ref::name} tokens are replaced by the submitted job's
 *     Parameters, as Batch does
 */
public record BatchJobDefinition(
    String name, List<String> command, Map<String, String> environment) {

  public BatchJobDefinition {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name is required");
    }
    if (command == null || command.isEmpty()) {
      throw new IllegalArgumentException("command of job definition " + name + " is required");
    }
    command = List.copyOf(command);
    environment = Map.copyOf(environment == null ? Map.of() : environment);
  }

  /**
   * The definition's name from a name, {@code name:revision} or a job definition ARN ({@code
   * arn:aws:batch:region:account:job-definition/name:revision}).
   */
  static String nameOf(String reference) {
    String tail =
        reference.contains("/") ? reference.substring(reference.lastIndexOf('/') + 1) : reference;
    int colon = tail.indexOf(':');
    return colon < 0 ? tail : tail.substring(0, colon);
  }
}
