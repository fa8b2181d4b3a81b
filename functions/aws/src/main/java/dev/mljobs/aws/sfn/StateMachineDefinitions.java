package dev.mljobs.aws.sfn;

import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The state machine definitions and the one list of their {@code ${Placeholder}}s. The CDK stack
 * hands them to CloudFormation as definition substitutions; the local runtime substitutes them
 * itself with {@link #substitute}, so both deploy the same ASL file with the same names.
 */
public final class StateMachineDefinitions {

  /** The job lifecycle, relative to the repository root (and on the local runtime's class path). */
  public static final String JOB_LIFECYCLE = "statemachines/job-lifecycle.asl.json";

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(\\w+)}");

  private StateMachineDefinitions() {}

  /** Every placeholder of the ASL files; its {@link #name()} is what stands between the braces. */
  public enum Placeholder {
    /** The ARN of the steps function (mark running, complete, attempt failed, abandon). */
    StepsFunction,
    /** The ARN of the worker function (the Lambda runtime of a job). */
    WorkerFunction,
    /** The AWS Batch job queue GPU jobs are submitted to (name or ARN). */
    BatchJobQueue,
    /** The AWS Batch job definition of the GPU worker (name or ARN). */
    BatchJobDefinition
  }

  /**
   * What CloudFormation's DefinitionSubstitutions do: every {@code ${Name}} replaced by its value.
   *
   * @throws IllegalArgumentException if a placeholder has no value, or the definition holds one
   *     that is not a {@link Placeholder}
   */
  public static String substitute(String definition, Map<Placeholder, String> values) {
    Map<Placeholder, String> all = new EnumMap<>(Placeholder.class);
    all.putAll(values);
    for (Placeholder p : Placeholder.values()) {
      if (!all.containsKey(p)) {
        throw new IllegalArgumentException("the placeholder ${" + p.name() + "} has no value");
      }
    }
    String result = definition;
    for (Map.Entry<Placeholder, String> e : all.entrySet()) {
      result = result.replace("${" + e.getKey().name() + "}", e.getValue());
    }
    Matcher left = PLACEHOLDER.matcher(result);
    if (left.find()) {
      throw new IllegalArgumentException(
          "the state machine's placeholder ${" + left.group(1) + "} is not a known one");
    }
    return result;
  }
}
