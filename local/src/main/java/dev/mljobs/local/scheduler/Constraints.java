package dev.mljobs.local.scheduler;

import java.util.regex.Pattern;

/** The service model's member constraints, failing with AWS's validation message. */
final class Constraints {

  /** Schedule and group names, and name prefixes. */
  static final Pattern NAME = Pattern.compile("[0-9a-zA-Z-_.]+");

  private static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws(-[a-z]+)?:iam::\\d{12}:role/[\\w+=,.@/-]+");
  private static final Pattern SQS_ARN =
      Pattern.compile("arn:aws(-[a-z]+)?:sqs:[a-z0-9\\-]+:\\d{12}:[a-zA-Z0-9\\-_]+");
  private static final Pattern CLIENT_TOKEN = Pattern.compile("[a-zA-Z0-9-_]+");

  private Constraints() {}

  static <T> T required(T value, String field) {
    if (value == null) {
      throw SchedulerException.constraint(null, field, "Member must not be null");
    }
    return value;
  }

  static String length(String value, String field, int min, int max) {
    if (value != null && (value.length() < min || value.length() > max)) {
      throw SchedulerException.constraint(
          value, field, "Member must have length between " + min + " and " + max + ", inclusive");
    }
    return value;
  }

  static Integer range(Integer value, String field, int min, int max) {
    if (value != null && (value < min || value > max)) {
      throw SchedulerException.constraint(
          value, field, "Member must have value between " + min + " and " + max + ", inclusive");
    }
    return value;
  }

  static String resourceName(String value, String field) {
    return matching(length(value, field, 1, 64), field, NAME);
  }

  static String iamRoleArn(String value, String field) {
    return matching(length(value, field, 1, 1600), field, ROLE_ARN);
  }

  static String sqsQueueArn(String value, String field) {
    return matching(length(value, field, 1, 1600), field, SQS_ARN);
  }

  static String idempotencyToken(String value, String field) {
    return matching(length(value, field, 1, 64), field, CLIENT_TOKEN);
  }

  private static String matching(String value, String field, Pattern pattern) {
    if (value != null && !pattern.matcher(value).matches()) {
      throw SchedulerException.constraint(
          value,
          field,
          "Member must satisfy regular expression pattern: ^" + pattern.pattern() + "$");
    }
    return value;
  }
}
