package dev.mljobs.core.job;

import static dev.mljobs.core.Require.optionalText;

/**
 * What the platform that ran an attempt tells about it, for the attempt's run: on AWS Batch the
 * Batch job's id, the container's exit code and its log stream. Lambda tells none of these to the
 * workflow, so a Lambda attempt's run has {@link #NONE}.
 *
 * @param workerId what ran the attempt (the Batch job id), or {@code null}
 * @param exitCode the worker process's exit code, or {@code null}
 * @param logPath where its output is (the Batch log stream), or {@code null}
 */
public record RunDetails(String workerId, Integer exitCode, String logPath) {

  public static final RunDetails NONE = new RunDetails(null, null, null);

  public RunDetails {
    optionalText(workerId, "worker_id", 256);
    optionalText(logPath, "log_path", 2048);
  }
}
