package dev.mljobs.core.webhook;

import java.net.URI;
import java.util.Map;

/** Sends one webhook request, to checked addresses only and without following redirects. */
public interface WebhookSender {

  /**
   * The outcome of one try.
   *
   * @param statusCode the HTTP status, or 0 when no answer came
   * @param error why no answer came, or {@code null}
   * @param refused whether the policy refused the address (final: not tried again)
   */
  record Response(int statusCode, String error, boolean refused) {
    public static Response answered(int statusCode) {
      return new Response(statusCode, null, false);
    }

    public static Response noAnswer(String error) {
      return new Response(0, error, false);
    }

    public static Response refusedAddress(String error) {
      return new Response(0, error, true);
    }

    public boolean delivered() {
      return statusCode >= 200 && statusCode < 300;
    }

    /**
     * Timeouts, connection errors, 408, 429 and 5xx are tried again; other answers (redirects among
     * them: they are not followed) and refused addresses are final.
     */
    public boolean retryable() {
      return !refused
          && (statusCode == 0 || statusCode == 408 || statusCode == 429 || statusCode >= 500);
    }
  }

  /**
   * POSTs {@code body} as JSON with {@code headers} to {@code url}, connecting only to addresses
   * the {@link CallbackUrlPolicy} lets through (checked again at connect time).
   *
   * @return the answer; failures to connect and time-outs are {@link Response#noAnswer}, an address
   *     the policy refuses {@link Response#refusedAddress}
   */
  Response post(URI url, Map<String, String> headers, String body);
}
