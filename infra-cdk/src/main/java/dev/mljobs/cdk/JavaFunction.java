package dev.mljobs.cdk;

import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * One handler as a Java Lambda function from the shaded jar: SnapStart on published versions, the
 * {@value #ALIAS} alias on the current version (everything invokes the alias, so a request always
 * meets a snapshot), the latest Java runtime (the code is built for 17), X-Ray active tracing,
 * Powertools settings and a log group with a retention.
 */
final class JavaFunction extends Construct {

  /** The alias every caller invokes. */
  static final String ALIAS = "live";

  static final RetentionDays LOG_RETENTION = RetentionDays.ONE_MONTH;

  final Function function;
  final Alias alias;

  JavaFunction(
      Construct scope,
      String id,
      Code code,
      Class<?> handler,
      Duration timeout,
      int memoryMb,
      Map<String, String> environment) {
    super(scope, id);
    LogGroup logs =
        LogGroup.Builder.create(this, "Logs")
            .retention(LOG_RETENTION)
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    function =
        Function.Builder.create(this, "Function")
            .runtime(Runtime.JAVA_25)
            .role(Roles.lambda(this, "Role", logs))
            .architecture(Architecture.X86_64)
            .code(code)
            .handler(handler.getName() + "::handleRequest")
            .timeout(timeout)
            .memorySize(memoryMb)
            .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
            .tracing(Tracing.ACTIVE)
            .logGroup(logs)
            .environment(environment)
            .description("mljobs " + id + " (" + handler.getSimpleName() + ")")
            .build();
    // the alias below publishes the version SnapStart snapshots
    software.amazon.awscdk.Annotations.of(function)
        .acknowledgeWarning(
            "@aws-cdk/aws-lambda:snapStartRequirePublish",
            "every caller invokes the alias on the current (published) version");
    alias =
        Alias.Builder.create(this, "Alias")
            .aliasName(ALIAS)
            .version(function.getCurrentVersion())
            .build();
  }

  /** Lets the function do what {@code statement} says (and nothing the role did not have). */
  void allow(PolicyStatement statement) {
    function.addToRolePolicy(statement);
  }
}
