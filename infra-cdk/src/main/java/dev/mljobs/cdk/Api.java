package dev.mljobs.cdk;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpJwtAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.CfnStage;
import software.amazon.awscdk.services.apigatewayv2.CorsHttpMethod;
import software.amazon.awscdk.services.apigatewayv2.CorsPreflightOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpNoneAuthorizer;
import software.amazon.awscdk.services.cognito.AccountRecovery;
import software.amazon.awscdk.services.cognito.AuthFlow;
import software.amazon.awscdk.services.cognito.Mfa;
import software.amazon.awscdk.services.cognito.MfaSecondFactor;
import software.amazon.awscdk.services.cognito.PasswordPolicy;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * The HTTP API: every route goes to the API function's alias behind a JWT authorizer (the caller's
 * {@code sub} is the owner) except {@code GET /health} and the workers' progress callback, which
 * carries the job's own callback token instead of a user's JWT.
 */
final class Api extends Construct {

  /** The routes without a user's JWT: the health check and the workers' progress callback. */
  static final List<String> PUBLIC_ROUTES =
      List.of("GET /health", "POST /v1/jobs/{job_id}/progress");

  static final int RATE_LIMIT = 50;
  static final int BURST_LIMIT = 100;

  final HttpApi httpApi;
  final UserPool userPool;
  final UserPoolClient userPoolClient;

  Api(Construct scope, String id, JavaFunction function, StackConfig config) {
    super(scope, id);
    String issuer;
    String audience;
    if (config.jwtIssuer() == null) {
      userPool =
          UserPool.Builder.create(this, "Users")
              .selfSignUpEnabled(false)
              .signInAliases(
                  software.amazon.awscdk.services.cognito.SignInAliases.builder()
                      .email(true)
                      .build())
              .passwordPolicy(
                  PasswordPolicy.builder()
                      .minLength(12)
                      .requireDigits(true)
                      .requireLowercase(true)
                      .requireUppercase(true)
                      .requireSymbols(true)
                      .build())
              .mfa(Mfa.REQUIRED)
              .mfaSecondFactor(MfaSecondFactor.builder().otp(true).sms(false).build())
              .accountRecovery(AccountRecovery.EMAIL_ONLY)
              .removalPolicy(RemovalPolicy.RETAIN)
              .build();
      userPoolClient =
          userPool.addClient(
              "Console",
              software.amazon.awscdk.services.cognito.UserPoolClientOptions.builder()
                  .authFlows(AuthFlow.builder().userSrp(true).build())
                  .generateSecret(false)
                  .build());
      issuer =
          "https://cognito-idp."
              + Stack.of(this).getRegion()
              + ".amazonaws.com/"
              + userPool.getUserPoolId();
      audience = userPoolClient.getUserPoolClientId();
    } else {
      userPool = null;
      userPoolClient = null;
      issuer = config.jwtIssuer();
      audience = config.jwtAudience();
    }
    HttpJwtAuthorizer jwt =
        HttpJwtAuthorizer.Builder.create("Jwt", issuer).jwtAudience(List.of(audience)).build();
    httpApi =
        HttpApi.Builder.create(this, "Http")
            .description("mljobs API")
            .defaultAuthorizer(jwt)
            .corsPreflight(
                CorsPreflightOptions.builder()
                    .allowOrigins(List.of(config.consoleOrigin()))
                    .allowHeaders(List.of("authorization", "content-type", "idempotency-key"))
                    .allowMethods(
                        List.of(
                            CorsHttpMethod.GET,
                            CorsHttpMethod.POST,
                            CorsHttpMethod.PUT,
                            CorsHttpMethod.DELETE))
                    .maxAge(Duration.hours(1))
                    .build())
            .build();
    HttpLambdaIntegration integration = new HttpLambdaIntegration("Handler", function.alias);
    httpApi.addRoutes(
        AddRoutesOptions.builder()
            .path("/{proxy+}")
            .methods(List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE))
            .integration(integration)
            .build());
    for (String route : PUBLIC_ROUTES) {
      String[] parts = route.split(" ");
      httpApi.addRoutes(
          AddRoutesOptions.builder()
              .path(parts[1])
              .methods(List.of(HttpMethod.valueOf(parts[0])))
              .integration(integration)
              .authorizer(new HttpNoneAuthorizer())
              .build());
    }
    LogGroup accessLogs =
        LogGroup.Builder.create(this, "AccessLogs")
            .retention(JavaFunction.LOG_RETENTION)
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    CfnStage stage = (CfnStage) httpApi.getDefaultStage().getNode().getDefaultChild();
    stage.setAccessLogSettings(
        CfnStage.AccessLogSettingsProperty.builder()
            .destinationArn(accessLogs.getLogGroupArn())
            .format(
                "{\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\","
                    + "\"time\":\"$context.requestTime\",\"route\":\"$context.routeKey\","
                    + "\"status\":\"$context.status\",\"latency\":\"$context.responseLatency\","
                    + "\"sub\":\"$context.authorizer.claims.sub\","
                    + "\"error\":\"$context.integrationErrorMessage\"}")
            .build());
    stage.setDefaultRouteSettings(
        CfnStage.RouteSettingsProperty.builder()
            .throttlingRateLimit(RATE_LIMIT)
            .throttlingBurstLimit(BURST_LIMIT)
            .build());
  }

  String url() {
    return httpApi.getApiEndpoint();
  }
}
