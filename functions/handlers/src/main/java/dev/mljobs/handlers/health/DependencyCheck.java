package dev.mljobs.handlers.health;

/**
 * One dependency of the API and how to see that it answers: a cheap read that needs nothing but the
 * permission the function already has.
 *
 * @param name how {@code GET /health} names it ({@code dynamodb}, {@code sqs}, {@code s3}, {@code
 *     stepfunctions}): the kind of service only, never a table, queue or bucket name
 * @param probe returns when the dependency answered; throws when it did not
 */
public record DependencyCheck(String name, Probe probe) {

  /** A call to the dependency. */
  @FunctionalInterface
  public interface Probe {
    /**
     * Calls the dependency once.
     *
     * @throws Exception when it did not answer, or answered with an error
     */
    void call() throws Exception;
  }

  public DependencyCheck {
    if (name == null || name.isBlank() || probe == null) {
      throw new IllegalArgumentException("a dependency check needs a name and a probe");
    }
  }
}
