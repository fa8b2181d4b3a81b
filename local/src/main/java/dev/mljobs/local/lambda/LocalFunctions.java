package dev.mljobs.local.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The functions of the local runtime, by name, invoked with Lambda's semantics: a handler that
 * throws yields an error payload ({@code errorMessage}, {@code errorType}, {@code stackTrace}) and
 * a {@code FunctionError} of {@code Unhandled}, not an exception to the caller.
 */
public final class LocalFunctions {

  /** The answer of one invocation. {@code functionError} is null when the handler succeeded. */
  public record Invocation(byte[] payload, String functionError) {
    public boolean failed() {
      return functionError != null;
    }
  }

  /** How one function is deployed. */
  public record Deployment(LocalFunction function, Duration timeout, int memoryMb) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<String, Deployment> functions = new ConcurrentHashMap<>();

  public LocalFunctions register(String name, LocalFunction function, Duration timeout) {
    functions.put(name, new Deployment(function, timeout, 1024));
    return this;
  }

  /**
   * Finds a function by name or by ARN ({@code
   * arn:aws:lambda:region:account:function:name[:qualifier]}).
   */
  public Optional<Deployment> find(String nameOrArn) {
    return Optional.ofNullable(functions.get(nameOf(nameOrArn)));
  }

  /**
   * Invokes a function synchronously (RequestResponse).
   *
   * @throws IllegalArgumentException when no such function is registered (Lambda's
   *     ResourceNotFoundException)
   */
  public Invocation invoke(String nameOrArn, byte[] payload) throws InterruptedException {
    String name = nameOf(nameOrArn);
    Deployment deployment =
        find(name)
            .orElseThrow(() -> new IllegalArgumentException("Function not found: " + nameOrArn));
    LocalContext context =
        new LocalContext(name, deployment.timeout().toMillis(), deployment.memoryMb());
    try {
      return new Invocation(deployment.function().invoke(payload, context), null);
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      return new Invocation(errorPayload(e), "Unhandled");
    }
  }

  /** Lambda's Java runtime reports an uncaught exception like this. */
  static byte[] errorPayload(Throwable e) {
    ObjectNode error = JSON.createObjectNode();
    error.put("errorMessage", e.getMessage() == null ? e.toString() : e.getMessage());
    error.put("errorType", e.getClass().getName());
    ArrayNode trace = error.putArray("stackTrace");
    for (StackTraceElement frame : e.getStackTrace()) {
      trace.add(frame.toString());
    }
    try {
      return JSON.writeValueAsBytes(error);
    } catch (com.fasterxml.jackson.core.JsonProcessingException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  static String nameOf(String nameOrArn) {
    if (!nameOrArn.startsWith("arn:")) {
      return nameOrArn;
    }
    String[] parts = nameOrArn.split(":");
    // arn:aws:lambda:region:account:function:name[:qualifier]
    return parts.length >= 7 ? parts[6] : nameOrArn;
  }
}
