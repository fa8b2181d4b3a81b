package dev.mljobs.local.sfn;

import dev.mljobs.local.asl.ExecutionRequest;
import java.util.regex.Pattern;

/**
 * The ARNs and names of the local service. Region and account are the interpreter's own ({@link
 * ExecutionRequest#LOCAL_MACHINE_ARN}), so that every local ARN agrees.
 */
final class Arns {
  private static final String[] LOCAL = ExecutionRequest.LOCAL_MACHINE_ARN.split(":");
  static final String REGION = LOCAL[3];
  static final String ACCOUNT = LOCAL[4];

  private static final String PREFIX = "arn:aws:states:" + REGION + ":" + ACCOUNT + ":";
  private static final Pattern MACHINE_ARN =
      Pattern.compile("arn:[\\w-]+:states:[\\w-]+:\\d{12}:stateMachine:[^:]+");
  private static final Pattern EXECUTION_ARN =
      Pattern.compile("arn:[\\w-]+:states:[\\w-]+:\\d{12}:execution:[^:]+:[^:]+");
  private static final Pattern ROLE_ARN = Pattern.compile("arn:[\\w-]+:iam::\\d{12}:role/.+");

  /** What AWS forbids in names: whitespace, brackets, wildcards, punctuation, control chars. */
  private static final Pattern FORBIDDEN =
      Pattern.compile("[\\s\\p{Z}<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/\\x00-\\x1f\\x7f-\\x9f]");

  private Arns() {}

  static String stateMachine(String name) {
    return PREFIX + "stateMachine:" + name;
  }

  static String execution(String machineName, String name) {
    return PREFIX + "execution:" + machineName + ":" + name;
  }

  /**
   * Checks the shape of a state machine ARN (whether it exists is the caller's question).
   *
   * @throws ApiException InvalidArn
   */
  static String checkStateMachine(String arn) {
    return check(MACHINE_ARN, arn);
  }

  /**
   * Checks the shape of an execution ARN.
   *
   * @throws ApiException InvalidArn
   */
  static String checkExecution(String arn) {
    return check(EXECUTION_ARN, arn);
  }

  /**
   * Checks the shape of an IAM role ARN.
   *
   * @throws ApiException InvalidArn
   */
  static String checkRole(String arn) {
    return check(ROLE_ARN, arn);
  }

  /**
   * Checks a state machine or execution name: 1 to 80 characters, none of those AWS forbids.
   *
   * @throws ApiException InvalidName
   */
  static String checkName(String name) {
    if (name.isEmpty() || name.length() > 80 || FORBIDDEN.matcher(name).find()) {
      throw new ApiException("InvalidName", "Invalid Name: '" + name + "'");
    }
    return name;
  }

  private static String check(Pattern pattern, String arn) {
    if (!pattern.matcher(arn).matches()) {
      throw ApiException.invalidArn(arn);
    }
    return arn;
  }
}
