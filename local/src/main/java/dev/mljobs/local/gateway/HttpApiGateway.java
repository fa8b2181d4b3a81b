package dev.mljobs.local.gateway;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mljobs.local.lambda.LocalContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Emulates an API Gateway HTTP API with one {@code $default} route integrated with a Lambda handler
 * (payload format 2.0) on 127.0.0.1. What API Gateway answers itself is answered here the same way:
 * 401 from the authorizer, 413 past the 10 MB payload limit, 503 after the 30 s integration
 * timeout, 500 when the handler throws.
 */
public final class HttpApiGateway implements AutoCloseable {

  /** API Gateway's limits for HTTP APIs. */
  public record Limits(int maxBodyBytes, Duration integrationTimeout) {
    public static final Limits AWS = new Limits(10 * 1024 * 1024, Duration.ofSeconds(30));
  }

  private final HttpServer server;
  private final ExecutorService handlerThreads =
      Executors.newCachedThreadPool(daemon("api-handler"));
  private final RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler;
  private final Authorizer authorizer;
  private final Limits limits;
  private final String functionName;

  /**
   * Starts serving.
   *
   * @param port the port on 127.0.0.1, or 0 for a free one
   * @throws IOException when the port cannot be bound
   */
  public HttpApiGateway(
      int port,
      String functionName,
      RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
      Authorizer authorizer,
      Limits limits)
      throws IOException {
    this.handler = handler;
    this.authorizer = authorizer;
    this.limits = limits;
    this.functionName = functionName;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
    server.setExecutor(Executors.newFixedThreadPool(32, daemon("api-http")));
    server.createContext("/", this::serve);
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      Optional<byte[]> body = readBody(exchange.getRequestBody());
      if (body.isEmpty()) {
        ResponseWriter.gatewayError(exchange, 413, "Request Entity Too Large");
        return;
      }
      APIGatewayV2HTTPEvent event;
      try {
        event = EventMapper.toEvent(exchange, body.get(), Instant.now());
      } catch (IllegalArgumentException malformed) {
        ResponseWriter.gatewayError(exchange, 400, "Bad Request");
        return;
      }
      Optional<Map<String, String>> claims = authorizer.authorize(event);
      if (claims.isEmpty()) {
        ResponseWriter.gatewayError(exchange, 401, "Unauthorized");
        return;
      }
      if (!claims.get().isEmpty()) {
        event
            .getRequestContext()
            .setAuthorizer(
                RequestContext.Authorizer.builder()
                    .withJwt(
                        RequestContext.Authorizer.JWT.builder().withClaims(claims.get()).build())
                    .build());
      }
      ResponseWriter.write(exchange, invoke(event));
    }
  }

  private APIGatewayV2HTTPResponse invoke(APIGatewayV2HTTPEvent event) {
    long timeout = limits.integrationTimeout().toMillis();
    Future<APIGatewayV2HTTPResponse> call =
        handlerThreads.submit(
            () -> handler.handleRequest(event, new LocalContext(functionName, timeout, 1024)));
    try {
      return call.get(timeout, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      call.cancel(true);
      return ResponseWriter.gatewayResponse(503, "Service Unavailable");
    } catch (ExecutionException e) {
      System.err.println("handler " + functionName + " failed: " + e.getCause());
      return ResponseWriter.gatewayResponse(500, "Internal Server Error");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ResponseWriter.gatewayResponse(503, "Service Unavailable");
    }
  }

  /** The body, or empty when it is larger than the limit. */
  private Optional<byte[]> readBody(InputStream in) throws IOException {
    byte[] body = in.readNBytes(limits.maxBodyBytes() + 1);
    return body.length > limits.maxBodyBytes() ? Optional.empty() : Optional.of(body);
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread t = new Thread(runnable, name);
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void close() {
    server.stop(0);
    handlerThreads.shutdownNow();
    ((ExecutorService) server.getExecutor()).shutdownNow();
  }
}
