package dev.mljobs.worker;

import dev.mljobs.core.job.TraceIds;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reports progress to the platform. The answer doubles as the cancel signal: once the job is no
 * longer running the platform answers 409, and the worker stops. Other failures to report are not
 * fatal: the work goes on.
 */
public final class Progress {

  /** Made on the first report: building it sets up TLS, a good part of a second at start. */
  private static final class Http {
    static final HttpClient CLIENT =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  private final Work work;

  public Progress(Work work) {
    this.work = work;
  }

  /**
   * @throws JobCancelledException when the job is no longer running
   * @throws InterruptedException when the worker is being stopped
   */
  public void report(int percent, String message) throws InterruptedException {
    if (work.callbackUrl() == null) {
      return;
    }
    String body =
        "{\"progress\":"
            + percent
            + (message == null ? "" : ",\"message\":" + quote(message))
            + "}";
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(work.callbackUrl()))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + work.callbackToken());
    if (work.traceId() != null && work.traceId().chars().allMatch(c -> c >= 32 && c < 127)) {
      // the job's trace goes on through its progress reports (a header takes printable ASCII)
      builder.header(TraceIds.HEADER, work.traceId());
    }
    HttpRequest request = builder.POST(HttpRequest.BodyPublishers.ofString(body)).build();
    try {
      int status = Http.CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status == 409 || status == 404) {
        throw new JobCancelledException("job " + work.jobId() + " is no longer running");
      }
    } catch (IOException unreachable) {
      // progress is best effort; the outcome is reported by the workflow
    }
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
