package dev.mljobs.local.scheduler;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * In-process functions that play Lambda targets: a function registered as {@code my-fn} receives
 * the input of every invocation of {@code arn:aws:lambda:<region>:<account>:function:my-fn} (with
 * or without a version or alias qualifier).
 */
public final class LocalLambdaFunctions implements ScheduleTargets {

  private final Map<String, Consumer<String>> functions = new ConcurrentHashMap<>();

  /**
   * Registers (or replaces) a function.
   *
   * @param functionName the name in the function's ARN
   * @param handler receives each invocation's input; throwing fails the invocation
   * @return this, to register several
   */
  public LocalLambdaFunctions register(String functionName, Consumer<String> handler) {
    functions.put(
        Objects.requireNonNull(functionName, "functionName must not be null"),
        Objects.requireNonNull(handler, "handler must not be null"));
    return this;
  }

  /**
   * Calls the registered function with the input, synchronously, as a Lambda invoke would.
   *
   * @throws IllegalArgumentException if the ARN does not name a Lambda function
   * @throws IllegalStateException if no function of that name is registered
   * @throws RuntimeException whatever the function throws
   */
  @Override
  public void deliver(TargetInvocation invocation) {
    Arn arn = Arn.parse(invocation.targetArn());
    String[] resource = arn.resource().split(":");
    if (!arn.service().equals("lambda") || resource.length < 2 || !resource[0].equals("function")) {
      throw new IllegalArgumentException("not a Lambda function: " + invocation.targetArn());
    }
    Consumer<String> function = functions.get(resource[1]);
    if (function == null) {
      throw new IllegalStateException("Function not found: " + invocation.targetArn());
    }
    function.accept(invocation.input());
  }
}
