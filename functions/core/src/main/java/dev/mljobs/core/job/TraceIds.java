package dev.mljobs.core.job;

/**
 * Where a job's trace id travels, named once. API Gateway's {@code X-Amzn-Trace-Id} header is read
 * into the job when it is submitted; from there the dispatch message, the workflow's execution, the
 * worker (payload and environment) and its progress reports carry it, so that every log line and
 * trace of the job can be found by it.
 */
public final class TraceIds {

  /** The request header API Gateway (and the worker's progress reports) set. */
  public static final String HEADER = "x-amzn-trace-id";

  /** The job field, the dispatch message attribute and the workflow input field. */
  public static final String FIELD = "trace_id";

  /** The worker's environment variable on the AWS Batch path. */
  public static final String WORK_ENV = "TRACE_ID";

  private TraceIds() {}
}
