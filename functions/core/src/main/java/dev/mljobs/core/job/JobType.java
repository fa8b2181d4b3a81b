package dev.mljobs.core.job;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The one registry of job types: every type the platform knows, by its wire name, and whether a
 * worker runs it yet. A type no worker runs is refused at submission (a job of it could only fail);
 * the issue that adds its worker flips {@code runnable}.
 */
public enum JobType {
  SLEEP("sleep", true),
  INFERENCE("inference", true),
  BATCH_INFERENCE("batch_inference", true),
  EMBEDDING_BACKFILL("embedding_backfill", false),
  EVALUATION("evaluation", false),
  DRIFT("drift", false),
  CONTAINER("container", false);

  private final String wireName;
  private final boolean runnable;

  JobType(String wireName, boolean runnable) {
    this.wireName = wireName;
    this.runnable = runnable;
  }

  public String wireName() {
    return wireName;
  }

  /** Whether a worker runs jobs of this type. */
  public boolean runnable() {
    return runnable;
  }

  /** The type of a wire name, or empty when the platform knows no such type. */
  public static Optional<JobType> fromWire(String wireName) {
    return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst();
  }

  /** The wire names of the types a worker runs, in alphabetical order. */
  public static List<String> runnableNames() {
    return Arrays.stream(values())
        .filter(JobType::runnable)
        .map(JobType::wireName)
        .sorted()
        .toList();
  }
}
