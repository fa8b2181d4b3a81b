package dev.mljobs.local.scheduler;

import java.util.Objects;

/**
 * An Amazon Resource Name, {@code arn:partition:service:region:account:resource}.
 *
 * @param service e.g. {@code sqs} or {@code lambda}
 * @param region e.g. {@code us-east-1}
 * @param account the twelve-digit account id
 * @param resource everything after the account, e.g. a queue name or {@code function:my-fn}
 */
public record Arn(String service, String region, String account, String resource) {

  /** Region and account of every ARN the emulator makes, as the local runtime uses them. */
  static final String LOCAL_REGION = "us-east-1";

  static final String LOCAL_ACCOUNT = "000000000000";

  /** Checks that service and resource are present. */
  public Arn {
    Objects.requireNonNull(service, "service must not be null");
    Objects.requireNonNull(region, "region must not be null");
    Objects.requireNonNull(account, "account must not be null");
    Objects.requireNonNull(resource, "resource must not be null");
    if (service.isEmpty() || resource.isEmpty()) {
      throw new IllegalArgumentException("an ARN needs a service and a resource");
    }
  }

  /**
   * Parses an ARN.
   *
   * @throws IllegalArgumentException if {@code text} is not {@code arn:partition:service:...}
   */
  public static Arn parse(String text) {
    String[] parts = text == null ? new String[0] : text.split(":", 6);
    if (parts.length != 6 || !parts[0].equals("arn")) {
      throw new IllegalArgumentException("not an ARN: " + text);
    }
    return new Arn(parts[2], parts[3], parts[4], parts[5]);
  }

  /** The ARN of a schedule, {@code arn:aws:scheduler:...:schedule/<group>/<name>}. */
  static String schedule(String groupName, String name) {
    return scheduler("schedule/" + groupName + "/" + name);
  }

  /** The ARN of a schedule group, {@code arn:aws:scheduler:...:schedule-group/<name>}. */
  static String scheduleGroup(String name) {
    return scheduler("schedule-group/" + name);
  }

  private static String scheduler(String resource) {
    return "arn:aws:scheduler:" + LOCAL_REGION + ":" + LOCAL_ACCOUNT + ":" + resource;
  }
}
