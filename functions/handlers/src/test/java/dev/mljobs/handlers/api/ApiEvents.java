package dev.mljobs.handlers.api;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import java.util.HashMap;
import java.util.Map;

/** API Gateway events as the gateway builds them, and a Lambda context, for handler tests. */
final class ApiEvents {

  private ApiEvents() {}

  /**
   * A request; {@code pathAndQuery} may carry a query string, and {@code owner} (or {@code null}
   * for none) becomes the authorizer's {@code sub} claim.
   */
  static APIGatewayV2HTTPEvent event(
      String method, String pathAndQuery, String owner, String body, Map<String, String> headers) {
    String rawPath =
        pathAndQuery.contains("?")
            ? pathAndQuery.substring(0, pathAndQuery.indexOf('?'))
            : pathAndQuery;
    Map<String, String> query = new HashMap<>();
    if (pathAndQuery.contains("?")) {
      for (String pair : pathAndQuery.substring(pathAndQuery.indexOf('?') + 1).split("&")) {
        String[] kv = pair.split("=", 2);
        query.put(kv[0], kv.length > 1 ? kv[1] : "");
      }
    }
    RequestContext.RequestContextBuilder context =
        RequestContext.builder()
            .withHttp(RequestContext.Http.builder().withMethod(method).withPath(rawPath).build());
    if (owner != null) {
      context.withAuthorizer(
          RequestContext.Authorizer.builder()
              .withJwt(
                  RequestContext.Authorizer.JWT.builder().withClaims(Map.of("sub", owner)).build())
              .build());
    }
    return APIGatewayV2HTTPEvent.builder()
        .withRawPath(rawPath)
        .withHeaders(headers)
        .withQueryStringParameters(query.isEmpty() ? null : query)
        .withBody(body)
        .withRequestContext(context.build())
        .build();
  }

  static final Context CONTEXT =
      new Context() {
        @Override
        public String getAwsRequestId() {
          return "test";
        }

        @Override
        public String getLogGroupName() {
          return "test";
        }

        @Override
        public String getLogStreamName() {
          return "test";
        }

        @Override
        public String getFunctionName() {
          return "api";
        }

        @Override
        public String getFunctionVersion() {
          return "1";
        }

        @Override
        public String getInvokedFunctionArn() {
          return "arn";
        }

        @Override
        public CognitoIdentity getIdentity() {
          return null;
        }

        @Override
        public ClientContext getClientContext() {
          return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
          return 1000;
        }

        @Override
        public int getMemoryLimitInMB() {
          return 512;
        }

        @Override
        public LambdaLogger getLogger() {
          return new LambdaLogger() {
            @Override
            public void log(String message) {
              System.out.println(message);
            }

            @Override
            public void log(byte[] message) {
              System.out.println(new String(message));
            }
          };
        }
      };
}
