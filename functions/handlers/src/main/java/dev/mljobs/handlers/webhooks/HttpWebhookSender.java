package dev.mljobs.handlers.webhooks;

import dev.mljobs.core.webhook.CallbackUrlPolicy;
import dev.mljobs.core.webhook.RefusedCallbackUrlException;
import dev.mljobs.core.webhook.WebhookSender;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * {@link WebhookSender} on Apache HttpClient 5. Its {@link DnsResolver} is the policy: every name
 * (and every address literal) the client is about to connect to is resolved and checked there, and
 * the connection goes to the checked addresses only, with the URL's host as Host header and TLS
 * server name, so a DNS answer that changes between check and connect (rebinding) changes nothing.
 * Redirects are not followed, no proxy or cookie is used, and the client does not retry on its own.
 * A try ends by {@link #TRY_DEADLINE} whatever the receiver does (a timer cancels it), and only the
 * status line is read: a receiver that dribbles headers or an endless body holds no thread.
 */
public final class HttpWebhookSender implements WebhookSender, AutoCloseable {

  private static final Timeout CONNECT = Timeout.ofSeconds(5);
  private static final Timeout RESPONSE = Timeout.ofSeconds(10);

  /** The whole of one try, from leasing a connection to the status line. */
  public static final Duration TRY_DEADLINE = Duration.ofSeconds(15);

  /**
   * Addresses of a name tried in turn, each with {@link #CONNECT}: more would let a name with many
   * unanswering addresses outlast the deadline's purpose (the timer cancels a try, not a connect).
   */
  static final int MAX_ADDRESSES = 2;

  private final CloseableHttpClient http;
  private final Duration deadline;
  private final ScheduledExecutorService timers =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "webhook-deadline");
            t.setDaemon(true);
            return t;
          });

  public HttpWebhookSender(CallbackUrlPolicy policy) {
    this(policy, TRY_DEADLINE);
  }

  /**
   * @param deadline how long one try may take in all (tests shorten it)
   */
  HttpWebhookSender(CallbackUrlPolicy policy, Duration deadline) {
    this.deadline = deadline;
    this.http =
        HttpClients.custom()
            .setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                    .setDnsResolver(new CheckingResolver(policy))
                    .setDefaultConnectionConfig(
                        ConnectionConfig.custom()
                            .setConnectTimeout(CONNECT)
                            .setSocketTimeout(RESPONSE)
                            .build())
                    .setMaxConnTotal(50)
                    .setMaxConnPerRoute(10)
                    .build())
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setResponseTimeout(RESPONSE)
                    .setRedirectsEnabled(false)
                    .build())
            .disableRedirectHandling()
            .disableAutomaticRetries()
            .disableCookieManagement()
            .disableAuthCaching()
            .setUserAgent("mljobs-webhook")
            .build();
  }

  @Override
  public Response post(URI url, Map<String, String> headers, String body) {
    HttpPost post = new HttpPost(url);
    headers.forEach(post::setHeader);
    post.setEntity(
        new StringEntity(body, ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8)));
    AtomicBoolean expired = new AtomicBoolean();
    ScheduledFuture<?> timer =
        timers.schedule(
            () -> {
              expired.set(true);
              post.cancel();
            },
            deadline.toMillis(),
            TimeUnit.MILLISECONDS);
    try {
      ClassicHttpResponse response = http.executeOpen(null, post, null);
      int status = response.getCode();
      // the body is never read: cancelling drops the connection, where closing alone would drain
      // whatever the receiver sends, as slowly and for as long as it likes
      post.cancel();
      closeQuietly(response);
      return Response.answered(status);
    } catch (IOException e) {
      if (expired.get()) {
        return Response.noAnswer("timed out (no answer within " + deadline.toSeconds() + " s)");
      }
      return failed(e);
    } catch (IllegalArgumentException e) {
      return Response.refusedAddress("callback_url cannot be called: " + e.getMessage());
    } finally {
      timer.cancel(false);
    }
  }

  private static Response failed(IOException e) {
    if (e instanceof RefusedAddress refused) {
      return refused.refusal.isTransient()
          ? Response.noAnswer(refused.refusal.reason())
          : Response.refusedAddress(refused.refusal.reason());
    }
    return Response.noAnswer(describe(e));
  }

  private static void closeQuietly(ClassicHttpResponse response) {
    try {
      response.close();
    } catch (IOException | RuntimeException alreadyDropped) {
      // the connection was cancelled on purpose: nothing is left to close
    }
  }

  /** What went wrong, without echoing what the receiver said. */
  private static String describe(IOException e) {
    String kind = e.getClass().getSimpleName();
    if (e instanceof java.net.SocketTimeoutException) {
      return "timed out (" + kind + ")";
    }
    if (e instanceof java.net.ConnectException) {
      return "could not connect (" + kind + ")";
    }
    return "failed: " + kind;
  }

  @Override
  public void close() throws IOException {
    timers.shutdownNow();
    http.close();
  }

  /** The policy as the client's resolver: the one place where addresses are chosen. */
  private static final class CheckingResolver implements DnsResolver {
    private final CallbackUrlPolicy policy;

    CheckingResolver(CallbackUrlPolicy policy) {
      this.policy = policy;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
      try {
        return policy.addresses(host).stream().limit(MAX_ADDRESSES).toArray(InetAddress[]::new);
      } catch (RefusedCallbackUrlException e) {
        throw new RefusedAddress(e);
      }
    }

    @Override
    public String resolveCanonicalHostname(String host) {
      return host;
    }
  }

  /** A refusal carried through the client, which only lets I/O exceptions out of a resolver. */
  private static final class RefusedAddress extends UnknownHostException {
    private static final long serialVersionUID = 1L;
    private final transient RefusedCallbackUrlException refusal;

    RefusedAddress(RefusedCallbackUrlException refusal) {
      super(refusal.reason());
      this.refusal = refusal;
    }
  }
}
