package dev.mljobs.handlers.observe;

import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.TraceIds;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * The fields every log line and metric record a job causes carries: {@code job_id}, {@code owner},
 * {@code attempt} and {@code trace_id}. Powertools' JSON layout writes the logging context (MDC)
 * into each line, so a handler puts them there while it works on a job.
 */
public final class JobFields {

  private JobFields() {}

  /** The job's fields; {@code trace_id} only when the job has one. */
  public static Map<String, Object> of(Job job) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("job_id", job.jobId().toString());
    fields.put("owner", job.owner());
    fields.put("attempt", job.attempts());
    if (job.traceId() != null) {
      fields.put(TraceIds.FIELD, job.traceId());
    }
    return fields;
  }

  /** Runs {@code work} with the job's fields in the logging context, then takes them out again. */
  public static <T> T logged(Job job, Supplier<T> work) {
    return logged(of(job), work);
  }

  /** Runs {@code work} with these fields in the logging context, then takes them out again. */
  public static <T> T logged(Map<String, Object> fields, Supplier<T> work) {
    Map<String, String> before = MDC.getCopyOfContextMap();
    fields.forEach((k, v) -> MDC.put(k, String.valueOf(v)));
    try {
      return work.get();
    } finally {
      if (before == null) {
        MDC.clear();
      } else {
        MDC.setContextMap(before);
      }
    }
  }
}
