package dev.mljobs.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.mljobs.core.storage.OwnerSpace;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Progress reports carry the job's trace id, so the trace goes on through the worker. */
class ProgressTraceTest {

  private final List<String> traceHeaders = new CopyOnWriteArrayList<>();
  private HttpServer server;

  @BeforeEach
  void a_progress_endpoint() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String trace = exchange.getRequestHeaders().getFirst("X-Amzn-Trace-Id");
          traceHeaders.add(trace == null ? "<none>" : trace);
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void a_report_sends_the_trace_id_and_one_without_a_trace_sends_none() throws Exception {
    // given
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/progress";
    Work traced = work(url, "Root=1-67a1b2c3-0123456789abcdef01234567");
    Work untraced = work(url, null);
    // when
    new Progress(traced).report(50, "half");
    new Progress(untraced).report(60, null);
    // then
    assertThat(traceHeaders).containsExactly("Root=1-67a1b2c3-0123456789abcdef01234567", "<none>");
  }

  private static Work work(String url, String trace) {
    return new Work(
        UUID.randomUUID(), 1, "sleep", null, url, "token", null, null, OwnerSpace.NONE, trace);
  }
}
