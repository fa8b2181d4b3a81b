package dev.mljobs.cdk;

import java.nio.file.Files;
import java.nio.file.Path;
import software.constructs.Node;

/**
 * What a deployment is given from outside, as CDK context ({@code -c name=value}) or defaults.
 *
 * @param root the repository root (the ASL files and the Dockerfiles are read from it)
 * @param lambdaJar the shaded jar of the handlers ({@code mvn -Plambda -pl functions/handlers -am
 *     package})
 * @param consoleOrigin the web console's origin, allowed by CORS (context {@code consoleOrigin})
 * @param jwtIssuer an external identity provider's issuer URL, or {@code null} for a Cognito user
 *     pool created by the stack (context {@code jwtIssuer})
 * @param jwtAudience the audience the external provider's tokens carry (context {@code
 *     jwtAudience})
 * @param alarmEmail where alarms are mailed, or {@code null} for none (context {@code alarmEmail})
 */
public record StackConfig(
    Path root,
    Path lambdaJar,
    String consoleOrigin,
    String jwtIssuer,
    String jwtAudience,
    String alarmEmail) {

  /** The jar's place after {@code mvn -Plambda -pl functions/handlers -am package}. */
  public static final String LAMBDA_JAR = "functions/handlers/target/mljobs-handlers-lambda.jar";

  /**
   * Checks the settings.
   *
   * @throws IllegalArgumentException if the jar is missing, or only one of issuer and audience is
   *     given
   */
  public StackConfig {
    if (!Files.isRegularFile(lambdaJar)) {
      throw new IllegalArgumentException(
          "the handlers' jar "
              + lambdaJar
              + " is missing: build it with mvn -Plambda -pl functions/handlers -am package");
    }
    if ((jwtIssuer == null) != (jwtAudience == null)) {
      throw new IllegalArgumentException("give both jwtIssuer and jwtAudience, or neither");
    }
  }

  /** The settings from the app's context, with the repository root {@code root}. */
  public static StackConfig fromContext(Node node, Path root) {
    String jar = context(node, "lambdaJar");
    String origin = context(node, "consoleOrigin");
    return new StackConfig(
        root,
        jar == null ? root.resolve(LAMBDA_JAR) : Path.of(jar),
        origin == null ? "http://localhost:3000" : origin,
        context(node, "jwtIssuer"),
        context(node, "jwtAudience"),
        context(node, "alarmEmail"));
  }

  private static String context(Node node, String name) {
    Object value = node.tryGetContext(name);
    return value == null || value.toString().isBlank() ? null : value.toString();
  }
}
