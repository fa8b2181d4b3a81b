package dev.mljobs.local.runtime;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver on 127.0.0.1 (JDK HttpServer) for tests and benchmarks: records every request
 * and answers each path with a script of statuses, the last one repeated ({@code /flaky} → 500 then
 * 200).
 */
public final class WebhookReceiver implements AutoCloseable {

  /** One request as received. */
  public record Delivery(
      String path, String id, String timestamp, String signature, String body, Instant at) {}

  private final HttpServer server;
  private final List<Delivery> received = new CopyOnWriteArrayList<>();
  private final Map<String, int[]> scripts = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

  public WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          var h = exchange.getRequestHeaders();
          received.add(
              new Delivery(
                  path,
                  h.getFirst("webhook-id"),
                  h.getFirst("webhook-timestamp"),
                  h.getFirst("webhook-signature"),
                  new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                  Instant.now()));
          int[] script = scripts.getOrDefault(path, new int[] {200});
          int n = counts.computeIfAbsent(path, p -> new AtomicInteger()).getAndIncrement();
          exchange.sendResponseHeaders(script[Math.min(n, script.length - 1)], -1);
          exchange.close();
        });
    server.start();
  }

  /** Answers requests to {@code path} with these statuses in turn, the last one from then on. */
  public WebhookReceiver answer(String path, int... statuses) {
    scripts.put(path, statuses);
    return this;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public List<Delivery> received(Predicate<Delivery> which) {
    return new ArrayList<>(received.stream().filter(which).toList());
  }

  /** Waits until {@code count} requests matched, or fails after {@code timeout}. */
  public List<Delivery> await(Predicate<Delivery> which, int count, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (received(which).size() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("received " + received(which).size() + " of " + count);
      }
      Thread.sleep(20);
    }
    return received(which);
  }

  /**
   * The Standard Webhooks check, written here independently of the platform's signer: base64
   * HMAC-SHA256 of {@code id.timestamp.body} under the bytes after {@code whsec_}, compared with
   * each space-separated {@code v1,} signature.
   */
  public static boolean verifies(Delivery d, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
      byte[] digest =
          mac.doFinal(
              (d.id() + "." + d.timestamp() + "." + d.body()).getBytes(StandardCharsets.UTF_8));
      String expected = "v1," + Base64.getEncoder().encodeToString(digest);
      for (String candidate : d.signature().split(" ")) {
        if (java.security.MessageDigest.isEqual(
            candidate.getBytes(StandardCharsets.UTF_8),
            expected.getBytes(StandardCharsets.UTF_8))) {
          return true;
        }
      }
      return false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
