package dev.mljobs.handlers.observe;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Metrics as CloudWatch Embedded Metric Format lines on stdout, through Powertools' metrics
 * (functional API). Each {@link #emit} is flushed at once as its own line: handlers run
 * concurrently in one JVM locally, and a record never waits for the end of an invocation that may
 * not come (a timed-out Lambda loses what it buffered).
 */
public final class EmfMetrics implements MetricsSink {

  /** The CloudWatch namespace, unless {@code POWERTOOLS_METRICS_NAMESPACE} says otherwise. */
  public static final String NAMESPACE = "mljobs";

  private final String namespace;

  private EmfMetrics(String namespace) {
    this.namespace = namespace;
  }

  /**
   * EMF where it has somewhere to go: in Lambda ({@code AWS_LAMBDA_FUNCTION_NAME}), or where {@code
   * AWS_EMF_ENVIRONMENT} names the environment ({@code Local}: plain lines on stdout, as the local
   * runtime sets it); else {@link MetricsSink#none()}, since EMF would otherwise probe for an agent
   * or instance metadata that is not there.
   */
  public static MetricsSink fromEnv(Map<String, String> env) {
    String environment = env.get("AWS_EMF_ENVIRONMENT");
    if (environment != null) {
      // the local runtime passes its settings in a map, not in the process environment EMF reads
      for (Environments e : Environments.values()) {
        if (e.name().toLowerCase(Locale.ROOT).equals(environment.toLowerCase(Locale.ROOT))) {
          EnvironmentConfigurationProvider.getConfig().setEnvironmentOverride(e);
        }
      }
    } else if (!env.containsKey("AWS_LAMBDA_FUNCTION_NAME")) {
      return MetricsSink.none();
    }
    return new EmfMetrics(env.getOrDefault("POWERTOOLS_METRICS_NAMESPACE", NAMESPACE));
  }

  @Override
  public void emit(
      Map<String, String> dimensions, List<Metric> metrics, Map<String, Object> properties) {
    try {
      MetricsFactory.getMetricsInstance()
          .flushMetrics(
              m -> {
                m.setNamespace(namespace);
                // ours only: not EMF's LogGroup/ServiceName/ServiceType, which split every metric
                m.setDefaultDimensions(DimensionSet.of(dimensions));
                metrics.forEach(metric -> m.addMetric(metric.name(), metric.value(), unit(metric)));
                properties.forEach(m::addMetadata);
              });
    } catch (RuntimeException e) {
      // metrics are best effort: a bad record must never fail the job step that made it
      System.err.println("metrics not emitted: " + e.getClass().getSimpleName());
    }
  }

  private static MetricUnit unit(Metric metric) {
    return metric.unit() == Unit.COUNT ? MetricUnit.COUNT : MetricUnit.MILLISECONDS;
  }
}
