package dev.mljobs.handlers.observe;

import java.util.List;
import java.util.Map;

/**
 * Where the handlers' metrics go: CloudWatch through EMF lines ({@link EmfMetrics}), or nowhere.
 */
public interface MetricsSink {

  /** A metric's unit, as CloudWatch knows it. */
  enum Unit {
    COUNT,
    MILLISECONDS
  }

  /** One value of a metric. */
  record Metric(String name, double value, Unit unit) {}

  /**
   * Emits metrics that share their dimensions as one record (one EMF line).
   *
   * @param dimensions what the metrics are aggregated by (e.g. {@code JobType}); few values each
   * @param properties searchable fields of the record that are not dimensions ({@code job_id},
   *     {@code trace_id}, ...)
   */
  void emit(Map<String, String> dimensions, List<Metric> metrics, Map<String, Object> properties);

  /** Emits nothing: handlers built for unit tests, and processes with nowhere to send metrics. */
  static MetricsSink none() {
    return (dimensions, metrics, properties) -> {};
  }
}
