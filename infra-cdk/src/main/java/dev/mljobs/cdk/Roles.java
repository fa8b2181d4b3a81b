package dev.mljobs.cdk;

import java.util.List;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/** Execution roles of our functions: no managed policy, logging to their own log group only. */
final class Roles {

  private Roles() {}

  /**
   * A role for one function that writes to {@code logs} (instead of AWSLambdaBasicExecutionRole,
   * which lets a function create and write any log group).
   */
  static Role lambda(Construct scope, String id, LogGroup logs) {
    Role role =
        Role.Builder.create(scope, id)
            .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
            .build();
    role.addToPolicy(
        PolicyStatement.Builder.create()
            .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
            .resources(List.of(logs.getLogGroupArn()))
            .build());
    return role;
  }
}
