package dev.mljobs.handlers.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import dev.mljobs.core.webhook.CallbackUrlPolicy;
import dev.mljobs.core.webhook.WebhookSender.Response;
import dev.mljobs.testkit.Waits;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sender against a real HTTP receiver on 127.0.0.1: the address policy runs when the client
 * connects, not only when the URL was accepted.
 */
class HttpWebhookSenderTest {

  private HttpServer receiver;
  private final List<String> received = new CopyOnWriteArrayList<>();
  private volatile int answer = 204;

  @BeforeEach
  void start() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          received.add(
              exchange.getRequestHeaders().getFirst("webhook-id")
                  + " "
                  + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          if (answer == 302) {
            exchange.getResponseHeaders().set("Location", "http://127.0.0.1:1/elsewhere");
          }
          exchange.sendResponseHeaders(answer, -1);
          exchange.close();
        });
    receiver.start();
  }

  @AfterEach
  void stop() {
    receiver.stop(0);
  }

  private String url(String host) {
    return "http://" + host + ":" + receiver.getAddress().getPort() + "/hook";
  }

  private static CallbackUrlPolicy policy(List<String> allow) {
    return new CallbackUrlPolicy(false, allow, CallbackUrlPolicy.Resolver.system());
  }

  @Test
  void an_allowed_receiver_gets_the_body_and_headers() throws Exception {
    try (HttpWebhookSender sender = new HttpWebhookSender(policy(List.of("127.0.0.1")))) {
      Response response =
          sender.post(URI.create(url("127.0.0.1")), Map.of("webhook-id", "msg_1"), "{\"a\":1}");
      assertThat(response.delivered()).isTrue();
      assertThat(received).containsExactly("msg_1 {\"a\":1}");
    }
  }

  @Test
  void a_loopback_receiver_is_refused_at_connect_time_and_receives_nothing() throws Exception {
    try (HttpWebhookSender sender = new HttpWebhookSender(policy(List.of()))) {
      for (String host : List.of("127.0.0.1", "2130706433", "[::ffff:127.0.0.1]")) {
        Response response = sender.post(URI.create(url(host)), Map.of(), "{}");
        assertThat(response.refused()).as(host).isTrue();
        assertThat(response.retryable()).isFalse();
        assertThat(response.error()).contains("loopback");
      }
      assertThat(received).isEmpty();
    }
  }

  @Test
  void a_host_that_resolves_to_a_private_address_when_called_is_refused() throws Exception {
    // a name that was public when checked and now points inside (DNS rebinding)
    boolean[] rebound = {false};
    CallbackUrlPolicy policy =
        new CallbackUrlPolicy(
            false,
            List.of(),
            host -> {
              if (!host.equals("rebind.example.com")) {
                throw new UnknownHostException(host);
              }
              return new InetAddress[] {
                InetAddress.getByName(rebound[0] ? "127.0.0.1" : "93.184.216.34")
              };
            });
    assertThat(policy.check(url("rebind.example.com"))).isNotNull();
    rebound[0] = true;
    try (HttpWebhookSender sender = new HttpWebhookSender(policy)) {
      Response response = sender.post(URI.create(url("rebind.example.com")), Map.of(), "{}");
      assertThat(response.refused()).isTrue();
      // what last_error shows: the same words as for a name that does not resolve
      assertThat(response.error())
          .isEqualTo("host rebind.example.com is not a public address that can be called");
      Response unresolved = sender.post(URI.create(url("gone.example.com")), Map.of(), "{}");
      assertThat(unresolved.error())
          .isEqualTo("host gone.example.com is not a public address that can be called");
      assertThat(unresolved.retryable()).isTrue();
      assertThat(received).isEmpty();
    }
  }

  @Test
  void a_redirect_is_not_followed_and_is_final() throws Exception {
    answer = 302;
    try (HttpWebhookSender sender = new HttpWebhookSender(policy(List.of("127.0.0.1")))) {
      Response response = sender.post(URI.create(url("127.0.0.1")), Map.of(), "{}");
      assertThat(response.statusCode()).isEqualTo(302);
      assertThat(response.delivered()).isFalse();
      assertThat(response.retryable()).isFalse();
      assertThat(received).hasSize(1);
    }
  }

  @Test
  void an_endless_body_sent_slowly_is_not_read_the_status_is_the_answer() throws Exception {
    // given: 200 with a body of 10^10 bytes, one byte every 2 s (each within the read timeout)
    try (DribblingReceiver hostile =
            new DribblingReceiver(
                "HTTP/1.1 200 OK\r\nContent-Length: 10000000000\r\n\r\n", (byte) 'x', 2000);
        HttpWebhookSender sender =
            new HttpWebhookSender(policy(List.of("127.0.0.1")), Duration.ofSeconds(60))) {
      // when
      Response response =
          assertTimeoutPreemptively(
              Duration.ofSeconds(30),
              () -> sender.post(URI.create(hostile.url()), Map.of(), "{}"),
              "the try must not wait for the body");
      // then: delivered, and the connection is dropped rather than drained
      assertThat(response.delivered()).isTrue();
      Waits.patiently("the receiver sees the connection dropped")
          .until(() -> hostile.dropped.get() == 1);
    }
  }

  @Test
  void headers_sent_slowly_end_the_try_at_its_deadline_as_a_retryable_timeout() throws Exception {
    // given: a status line, then one header byte every 500 ms, never the end of the headers
    try (DribblingReceiver hostile =
            new DribblingReceiver("HTTP/1.1 200 OK\r\nX-Slow: ", (byte) 'a', 500);
        HttpWebhookSender sender =
            new HttpWebhookSender(policy(List.of("127.0.0.1")), Duration.ofSeconds(2))) {
      // when
      Response response =
          assertTimeoutPreemptively(
              Duration.ofSeconds(30), () -> sender.post(URI.create(hostile.url()), Map.of(), "{}"));
      // then
      assertThat(response.delivered()).isFalse();
      assertThat(response.retryable()).isTrue();
      assertThat(response.error()).isEqualTo("timed out (no answer within 2 s)");
      Waits.patiently("the receiver sees the connection dropped")
          .until(() -> hostile.dropped.get() == 1);
    }
  }

  @Test
  void a_server_error_and_a_closed_port_are_retryable() throws Exception {
    answer = 503;
    try (HttpWebhookSender sender = new HttpWebhookSender(policy(List.of("127.0.0.1")))) {
      Response error = sender.post(URI.create(url("127.0.0.1")), Map.of(), "{}");
      assertThat(error.statusCode()).isEqualTo(503);
      assertThat(error.retryable()).isTrue();
      receiver.stop(0);
      Response closed = sender.post(URI.create(url("127.0.0.1")), Map.of(), "{}");
      assertThat(closed.statusCode()).isZero();
      assertThat(closed.retryable()).isTrue();
      assertThat(closed.error()).isNotBlank();
    }
  }
}
