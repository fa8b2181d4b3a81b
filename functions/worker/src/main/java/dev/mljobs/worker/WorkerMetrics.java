package dev.mljobs.worker;

import dev.mljobs.core.job.TraceIds;
import java.util.Locale;
import java.util.Map;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The worker's metric, {@code WorkerModelTime}: how long the worker spent on an attempt that
 * succeeded (model loading, when not cached, and inference), in ms, by job type and task type, as
 * one EMF line (Powertools metrics). Emitted on the Lambda path only: in a Batch container EMF
 * would look for an agent that is not there; there the run's duration is the job's {@code
 * RunDuration}.
 */
final class WorkerMetrics {

  private final String namespace;

  private WorkerMetrics(String namespace) {
    this.namespace = namespace;
  }

  static WorkerMetrics fromEnv(Map<String, String> env) {
    String environment = env.get("AWS_EMF_ENVIRONMENT");
    if (environment != null) {
      for (Environments e : Environments.values()) {
        if (e.name().toLowerCase(Locale.ROOT).equals(environment.toLowerCase(Locale.ROOT))) {
          EnvironmentConfigurationProvider.getConfig().setEnvironmentOverride(e);
        }
      }
    } else if (!env.containsKey("AWS_LAMBDA_FUNCTION_NAME")) {
      return new WorkerMetrics(null);
    }
    return new WorkerMetrics(env.getOrDefault("POWERTOOLS_METRICS_NAMESPACE", "mljobs"));
  }

  void ran(Work work, long millis) {
    if (namespace == null) {
      return;
    }
    try {
      MetricsFactory.getMetricsInstance()
          .flushMetrics(
              m -> {
                m.setNamespace(namespace);
                m.setDefaultDimensions(
                    DimensionSet.of(
                        "JobType",
                        work.jobType(),
                        "TaskType",
                        work.params().path("task_type").asText("none")));
                m.addMetric("WorkerModelTime", millis, MetricUnit.MILLISECONDS);
                m.addMetadata("job_id", work.jobId().toString());
                m.addMetadata("attempt", work.attempt());
                if (work.traceId() != null) {
                  m.addMetadata(TraceIds.FIELD, work.traceId());
                }
              });
    } catch (RuntimeException e) {
      // metrics are best effort: the job's result matters more
      System.err.println("metrics not emitted: " + e.getClass().getSimpleName());
    }
  }
}
